export { CONTACT_LIST_SHAPE } from './contacts.schema.ts';
export { openContactExport } from './contact-export.service.ts';
export { ContactListQuery } from './contacts.schema.ts';
export { contactsImport } from './contact-import.service.ts';
export { createContact } from './contacts.service.ts';
