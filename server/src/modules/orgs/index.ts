export { createOrganisation, needsSetup } from './orgs.service.ts';
export { findOrg } from './orgs.repository.ts';
