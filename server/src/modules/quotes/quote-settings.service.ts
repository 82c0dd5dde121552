import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { forbidden } from '../../lib/errors.ts';
import { can } from '../access/index.ts';
import { audit } from '../audit/index.ts';
import { findOrg, lockOrgSettings, setOrgSetting } from '../orgs/index.ts';
import { discountAuthorityOf } from './quote-rules.ts';
import { SETTING } from './quotes.service.ts';
import type { QuoteSettings } from './quotes.schema.ts';

/** Everyone who writes quotes may read the authorities (the editor warns before submitting). */
export async function getQuoteSettings(ctx: Ctx): Promise<QuoteSettings> {
  if (!can(ctx.actor, 'quotes', 'read')) throw forbidden('quotes', 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => ({
    discountAuthority: discountAuthorityOf((await findOrg(tx, ctx.actor.orgId))?.settings[SETTING]),
  }));
}

/** Organisation administration: the same right as editing roles. */
export async function putQuoteSettings(ctx: Ctx, body: QuoteSettings): Promise<QuoteSettings> {
  if (!can(ctx.actor, 'roles', 'update')) throw forbidden('roles', 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const stored = (await lockOrgSettings(tx, ctx.actor.orgId))?.[SETTING];
    const before = discountAuthorityOf(stored);
    const next = discountAuthorityOf(body);
    const rest = stored && typeof stored === 'object' ? stored : {};
    await setOrgSetting(tx, ctx.actor.orgId, SETTING, { ...rest, discountAuthority: next });
    await audit(tx, ctx, 'orgs', ctx.actor.orgId, 'update', [
      { field: 'settings.quotes.discountAuthority', old: before, new: next },
    ]);
    return { discountAuthority: next };
  });
}
