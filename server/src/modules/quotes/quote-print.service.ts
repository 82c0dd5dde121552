import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { htmlToPdf } from '../../lib/pdf.ts';
import { renderQuoteHtml, type Letterhead, type PrintLang } from './quote-print.ts';
import * as repo from './quotes.repository.ts';
import { orgContext, present, requireQuotes, visibleQuote } from './quotes.service.ts';

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** orgs.settings.company: { name?, address?, phone?, email?, website?, logo? }; the org's name otherwise. */
function letterheadOf(orgName: string, company: unknown): Letterhead {
  const c = company && typeof company === 'object' ? (company as Record<string, unknown>) : {};
  return {
    name: text(c.name) ?? orgName,
    address: text(c.address),
    phone: text(c.phone),
    email: text(c.email),
    website: text(c.website),
    logo: text(c.logo),
  };
}

/** The printable page of a quote, in `lang` (default: the caller's language). */
export async function quoteHtml(
  ctx: Ctx,
  id: string,
  lang?: PrintLang,
): Promise<{ html: string; number: string }> {
  requireQuotes(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const { org, today } = await orgContext(tx, ctx.actor.orgId, ctx.now);
    const row = await visibleQuote(tx, ctx, id);
    const quote = present(row, today, await repo.findLines(tx, ctx.actor.orgId, id));
    const customer = await repo.findVisibleCustomer(tx, { ...ctx.actor, dataScope: 'org' }, row.customerId);
    const html = renderQuoteHtml(
      { ...quote, customerAddress: customer?.address ?? null, lines: quote.lines ?? [] },
      letterheadOf(org?.name ?? '', org?.settings.company),
      lang ?? ctx.locale,
    );
    return { html, number: row.number };
  });
}

export async function quotePdf(ctx: Ctx, id: string, lang?: PrintLang) {
  const { html, number } = await quoteHtml(ctx, id, lang);
  return { pdf: await htmlToPdf(html), number };
}
