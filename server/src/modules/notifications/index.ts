export { notify, type NewNotification } from './notifications.repository.ts';
