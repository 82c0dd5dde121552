import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { API_SCOPES, can, type Action } from '../access/index.ts';
import { audit } from '../audit/index.ts';
import { randomToken, sha256 } from './password.ts';
import * as repo from './api-keys.repository.ts';

function need(ctx: Ctx, action: Action) {
  if (!can(ctx.actor, 'apiKeys', action)) throw forbidden('apiKeys', action);
}

export function apiKeyScopes(ctx: Ctx) {
  need(ctx, 'read');
  return { scopes: API_SCOPES };
}

export async function listApiKeys(ctx: Ctx) {
  need(ctx, 'read');
  const items = await withTenant(ctx.db, ctx.actor.orgId, (tx) => repo.listApiKeys(tx, ctx.actor.orgId));
  return { items, total: items.length, nextCursor: null };
}

/** A new key for the calling user; the token is returned once and only its hash is stored. */
export async function createApiKey(ctx: Ctx, input: { name: string; scopes: string[] }) {
  need(ctx, 'create');
  // A key cannot mint keys: a leaked key must not be able to outlive its own revocation.
  if (ctx.actor.apiKey) throw forbidden('apiKeys', 'create');
  const bad = input.scopes.findIndex((s) => !API_SCOPES.includes(s));
  if (bad >= 0)
    throw new AppError('VALIDATION_FAILED', {}, [
      { field: `scopes[${bad}]`, code: 'enum', params: { allowed: 'GET /api/v1/api-keys/scopes' } },
    ]);
  const token = `gx_${randomToken(30)}`;
  const prefix = token.slice(0, 10);
  const id = await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const id = await repo.insertApiKey(tx, {
      orgId: ctx.actor.orgId,
      name: input.name,
      prefix,
      tokenHash: sha256(token),
      scopes: input.scopes,
      userId: ctx.actor.userId,
      createdAt: ctx.now,
    });
    await audit(tx, ctx, 'apiKeys', id, 'create', [
      { field: 'name', old: null, new: input.name },
      { field: 'scopes', old: null, new: input.scopes },
    ]);
    return id;
  });
  return { id, token, prefix };
}

export async function revokeApiKey(ctx: Ctx, id: string) {
  need(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.revokeApiKey(tx, ctx.actor.orgId, id))) throw notFound('apiKey');
    await audit(tx, ctx, 'apiKeys', id, 'revoke');
  });
}
