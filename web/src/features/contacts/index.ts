export { ContactsPage } from './ContactsPage';
export { CustomerContacts } from './CustomerContacts';
