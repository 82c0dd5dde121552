import type { Ctx } from '../../plugins/context.ts';
import { withTenant } from '../../db/tenant.ts';
import { fieldError } from '../../lib/errors.ts';
import { pickColumns, prefetching, type ExportColumnDef, type ExportReader } from '../../lib/export-cells.ts';
import type { Cursor } from '../../lib/paging.ts';
import { fieldRule } from '../access/index.ts';
import { audit } from '../audit/index.ts';
import { maskList } from '../customers/index.ts';
import { cfSortValue, displayValue, type FieldDef } from '../customization/index.ts';
import * as repo from './contacts.repository.ts';
import { ENTITY, listingOf, requireContacts } from './contacts.service.ts';
import type { ContactListQuery } from './contacts.schema.ts';

const HEADERS = {
  en: {
    name: 'Name',
    customerName: 'Customer',
    title: 'Title',
    phones: 'Phones',
    emails: 'Emails',
    wechatId: 'WeChat',
    decisionRole: 'Decision role',
    birthday: 'Birthday',
    isKeyPerson: 'Key person',
    createdAt: 'Created at',
    updatedAt: 'Updated at',
  },
  'zh-CN': {
    name: '姓名',
    customerName: '所属客户',
    title: '职务',
    phones: '电话',
    emails: '邮箱',
    wechatId: '微信',
    decisionRole: '决策角色',
    birthday: '生日',
    isKeyPerson: '关键人',
    createdAt: '创建时间',
    updatedAt: '更新时间',
  },
};

const LABELS: Record<'en' | 'zh-CN', Record<string, string>> = {
  en: {
    decision_maker: 'Decision maker',
    influencer: 'Influencer',
    user: 'User',
    other: 'Other',
    yes: 'Yes',
    no: 'No',
  },
  'zh-CN': {
    decision_maker: '决策者',
    influencer: '影响者',
    user: '使用者',
    other: '其他',
    yes: '是',
    no: '否',
  },
};

const CHUNK = 2_000;

type Row = repo.ContactRow;

function exportColumns(ctx: Ctx, defs: FieldDef[]): ExportColumnDef<Row>[] {
  const h = HEADERS[ctx.locale];
  const l = LABELS[ctx.locale];
  const phonesRule = fieldRule(ctx.actor, ENTITY, 'phones');
  const emailsRule = fieldRule(ctx.actor, ENTITY, 'emails');
  const col = (key: keyof typeof h, value: (r: Row) => unknown) => ({ key, header: h[key], value });
  return [
    col('name', (r) => r.name),
    col('customerName', (r) => r.customerName),
    col('title', (r) => r.title),
    col('phones', (r) => maskList(phonesRule, r.phones)),
    col('emails', (r) => maskList(emailsRule, r.emails)),
    col('wechatId', (r) => r.wechatId),
    col('decisionRole', (r) => (r.decisionRole ? (l[r.decisionRole] ?? r.decisionRole) : null)),
    col('birthday', (r) => r.birthday),
    col('isKeyPerson', (r) => (r.isKeyPerson ? l.yes : l.no)),
    col('createdAt', (r) => r.createdAt),
    col('updatedAt', (r) => r.updatedAt),
    ...defs.map((d) => ({
      key: `cf.${d.key}`,
      header: d.label[ctx.locale],
      value: (r: Row) => displayValue(d, r.customFields?.[d.key], ctx.locale),
    })),
  ];
}

/**
 * The contacts list as export rows: its filters and sort, visible exactly when their customer is,
 * phones and emails masked by the caller's field rules. Audited once, before any row is read.
 */
export async function openContactExport(
  ctx: Ctx,
  query: ContactListQuery,
  opts: { columns?: string[]; format: string; chunk?: number },
): Promise<ExportReader> {
  requireContacts(ctx, 'export');
  const chunk = opts.chunk ?? CHUNK;
  const { filter, sort, cfSort, columns, total } = await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const listing = await listingOf(tx, ctx, query);
    const all = exportColumns(ctx, listing.defs);
    const picked = pickColumns(all, opts.columns, ['name']);
    if (picked.unknown.length) throw fieldError('columns', 'enum', { allowed: all.map((c) => c.key) });
    const total = await repo.countContacts(tx, ctx.actor, listing.filter);
    const { limit: _l, cursor: _c, ...filters } = query;
    await audit(tx, ctx, ENTITY, null, 'export', [
      { field: 'rows', old: null, new: total },
      { field: 'format', old: null, new: opts.format },
      { field: 'filters', old: null, new: filters },
    ]);
    return { ...listing, columns: picked.columns, total };
  });
  const cursorOf = (r: Row): Cursor => {
    if (cfSort) return { v: cfSortValue(cfSort, r.customFields ?? {}), id: r.id };
    const v = (r as unknown as Record<string, unknown>)[sort.field];
    return { v: v instanceof Date ? v.toISOString() : ((v as Cursor['v']) ?? null), id: r.id };
  };
  const next = prefetching(async (cursor: Cursor | undefined) => {
    const { rows } = await withTenant(ctx.db, ctx.actor.orgId, (tx) =>
      repo.listContacts(tx, ctx.actor, filter, { sort, cfSort, cursor, limit: chunk, count: false }),
    );
    const page = rows.length > chunk ? rows.slice(0, chunk) : rows;
    return {
      rows: page.map((r) => columns.map((c) => c.value(r))),
      cursor: rows.length > chunk ? cursorOf(page[page.length - 1]!) : null,
    };
  });
  return { entity: ENTITY, headers: columns.map((c) => c.header), total, next };
}
