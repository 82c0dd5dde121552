export { TasksPage } from './TasksPage';
export { CalendarPage } from './CalendarPage';
export { CustomerTasks } from './CustomerTasks';
export { GreetingSettingsPage } from './GreetingSettingsPage';
