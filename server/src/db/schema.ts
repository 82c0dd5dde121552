// Every Drizzle table, for drizzle-kit and the typed query builder.
export * from '../modules/orgs/orgs.table.ts';
export * from '../modules/org-structure/org-structure.table.ts';
export * from '../modules/access/access.table.ts';
export * from '../modules/users/users.table.ts';
export * from '../modules/auth/auth.table.ts';
export * from '../modules/audit/audit.table.ts';
export * from '../modules/jobs/jobs.table.ts';
export * from '../modules/customers/customers.table.ts';
export * from '../modules/contacts/contacts.table.ts';
export * from '../modules/customization/customization.table.ts';
export * from '../modules/interactions/interactions.table.ts';
export * from '../modules/tasks/tasks.table.ts';
export * from '../modules/notifications/notifications.table.ts';
export * from '../modules/views/views.table.ts';
export * from '../modules/imports/imports.table.ts';
