import { api } from '../../api/client';
import type { SessionStart } from '../../app/session';
import type { Language } from '../../i18n';

export interface SetupInput {
  orgName: string;
  adminName: string;
  adminEmail: string;
  adminPassword: string;
  locale: Language;
  loadDemo: boolean;
}

export const setupStatusKey = ['setup'] as const;

export function fetchSetupStatus(): Promise<{ needsSetup: boolean }> {
  return api.get('/setup', undefined, { noAuthRedirect: true });
}

export function runSetup(input: SetupInput): Promise<SessionStart & { jobId?: string }> {
  return api.post('/setup', input, { noAuthRedirect: true });
}
