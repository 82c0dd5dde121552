// The signed-in user ("me"), sign-in/out and the language preference that follows the user.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../api/client';
import { isLanguage, setLanguage, type Language } from '../i18n';

export type DataScope = 'own' | 'team' | 'department' | 'org';

export interface Me {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  orgId: string;
  orgName: string;
  roles: string[];
  role: { id: string; key: string; name: string; dataScope: DataScope } | null;
  permissions: Record<string, string[]>;
  locale: string | null;
  csrfToken: string;
  isInstanceAdmin: boolean;
  departmentId: string | null;
  teamId: string | null;
}

export interface SessionStart {
  user: unknown;
  csrfToken: string;
}

export const meKey = ['me'] as const;

export async function fetchMe(): Promise<Me> {
  const me = await api.get<Me>('/me', undefined, { noAuthRedirect: true });
  setCsrfToken(me.csrfToken);
  return me;
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

export function can(me: Me | undefined, entity: string, action: string): boolean {
  return me?.permissions[entity]?.includes(action) ?? false;
}

/** After sign-in or setup: keep the CSRF token, load "me" and adopt the user's saved language. */
export async function startSession(queryClient: QueryClient, start: SessionStart): Promise<Me> {
  setCsrfToken(start.csrfToken);
  queryClient.clear();
  const me = await queryClient.fetchQuery({ queryKey: meKey, queryFn: fetchMe });
  if (isLanguage(me.locale)) await setLanguage(me.locale);
  return me;
}

export async function signIn(queryClient: QueryClient, email: string, password: string): Promise<Me> {
  const start = await api.post<SessionStart>('/auth/login', { email, password }, { noAuthRedirect: true });
  return startSession(queryClient, start);
}

export async function signOut(queryClient: QueryClient): Promise<void> {
  try {
    await api.post<void>('/auth/logout', undefined, { noAuthRedirect: true });
  } finally {
    setCsrfToken(null);
    queryClient.clear();
  }
}

/** Switches the language and, when signed in, saves it on the user so it follows them. */
export async function changeLanguage(
  queryClient: QueryClient,
  lng: Language,
  signedIn: boolean,
): Promise<void> {
  await setLanguage(lng);
  if (!signedIn) return;
  const me = await api.patch<Me>('/me', { locale: lng });
  if (me && typeof me === 'object' && 'id' in me) {
    queryClient.setQueryData<Me>(meKey, (old) =>
      old ? { ...old, ...me, csrfToken: me.csrfToken ?? old.csrfToken } : me,
    );
  }
}
