export { createOrganisation, needsSetup } from './orgs.service.ts';
export { findOrg, listOrgsLackingSetting, lockOrgSettings, setOrgSetting } from './orgs.repository.ts';
