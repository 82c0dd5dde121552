export { CONTACT_LIST_SHAPE } from './contacts.schema.ts';
