export { UsersPage } from './UsersPage';
export { UserSelect } from './UserSelect';
