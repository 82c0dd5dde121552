import type { Db } from '../../db/types.ts';
import { findOrg, lockOrgSettings, setOrgSetting } from '../orgs/index.ts';
import { DEFAULT_FIRST_CONTACT_HOURS } from './lead-assignment.ts';

/** orgs.settings.leads: the first-contact deadline, the fallback owner, qualification and escalation. */
export interface LeadSettings {
  firstContactHours: number;
  fallbackOwnerId: string | null;
  /** Conversion needs a qualified lead. */
  requireQualification: boolean;
  /** Sleeping leads are escalated to the owner's manager. */
  escalate: boolean;
}

export const LEAD_SETTINGS_KEY = 'leads';

export const DEFAULT_LEAD_SETTINGS: LeadSettings = {
  firstContactHours: DEFAULT_FIRST_CONTACT_HOURS,
  fallbackOwnerId: null,
  requireQualification: true,
  escalate: true,
};

/** The settings from an organisation's settings object; anything missing or malformed takes its default. */
export function leadSettingsOf(settings: Record<string, unknown> | null | undefined): LeadSettings {
  const raw = (settings?.[LEAD_SETTINGS_KEY] ?? {}) as Partial<Record<keyof LeadSettings, unknown>>;
  const hours = raw.firstContactHours;
  return {
    firstContactHours:
      typeof hours === 'number' && Number.isFinite(hours) && hours > 0 ? hours : DEFAULT_FIRST_CONTACT_HOURS,
    fallbackOwnerId: typeof raw.fallbackOwnerId === 'string' ? raw.fallbackOwnerId : null,
    requireQualification: raw.requireQualification !== false,
    escalate: raw.escalate !== false,
  };
}

/** The organisation's lead settings (in the caller's transaction). */
export async function leadSettings(tx: Db, orgId: string): Promise<LeadSettings> {
  return leadSettingsOf((await findOrg(tx, orgId))?.settings as Record<string, unknown> | undefined);
}

/** The settings with the organisation's row locked for the writer. */
export async function lockLeadSettings(tx: Db, orgId: string): Promise<LeadSettings> {
  return leadSettingsOf(await lockOrgSettings(tx, orgId));
}

export async function saveLeadSettings(tx: Db, orgId: string, next: LeadSettings): Promise<void> {
  await setOrgSetting(tx, orgId, LEAD_SETTINGS_KEY, next);
}
