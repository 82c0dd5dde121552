export { usersVisibleTo, insertUser } from './users.repository.ts';
export { changeOwnPassword, getUser, updateUser } from './users.service.ts';
