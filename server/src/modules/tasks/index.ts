export { sendTaskReminders } from './reminders.service.ts';
export { createGreetingTasks } from './greetings.service.ts';
export { tasksRoutes } from './tasks.routes.ts';
export { greetingSettingsRoutes } from './greetings.routes.ts';
export { tasksVisibleTo } from './tasks.repository.ts';
