import { api } from '../../api/client';
import type { Me } from '../../app/session';

export function updateProfile(input: { name?: string; locale?: string }) {
  return api.patch<Me>('/me', input);
}

export function changePassword(input: { currentPassword: string; newPassword: string }) {
  return api.post<void>('/me/password', input);
}
