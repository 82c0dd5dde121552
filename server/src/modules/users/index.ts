export { usersVisibleTo } from './users.repository.ts';
export { insertUser } from './users.repository.ts';
