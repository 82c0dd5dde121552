import type { Ctx } from '../../plugins/context.ts';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withTenant } from '../../db/tenant.ts';
import { softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { pgErrorCode } from '../../lib/pg-error.ts';
import { can, type Action } from '../access/index.ts';
import { audit, auditChange } from '../audit/index.ts';
import * as repo from './customization.repository.ts';
import { customFieldDefs, dictionaryItems, type CustomFieldOption } from './customization.table.ts';
import { DICTIONARIES, defaultItems, type DictionaryName } from './dictionary-defaults.ts';
import type {
  CustomFieldCreate,
  CustomFieldPatch,
  DictionaryItemCreate,
  DictionaryItemPatch,
} from './customization.schema.ts';

// Custom fields and dictionaries are organisation configuration: whoever may read them sees all.
type Entity = 'customFields' | 'dictionaries';

function need(ctx: Ctx, entity: Entity, action: Action): void {
  if (!can(ctx.actor, entity, action)) throw forbidden(entity, action);
}

const who = (ctx: Ctx) => ({ userId: ctx.actor.userId, now: ctx.now });
const stamp = (ctx: Ctx) => ({
  orgId: ctx.actor.orgId,
  createdBy: ctx.actor.userId,
  updatedBy: ctx.actor.userId,
  createdAt: ctx.now,
  updatedAt: ctx.now,
});

function taken(error: unknown): never {
  if (pgErrorCode(error) === '23505')
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'key', code: 'taken' }]);
  throw error;
}

/** Choice fields need options with distinct keys; other types take none. */
function checkOptions(type: string, options: CustomFieldOption[] | undefined, errors: FieldError[]) {
  const list = options ?? [];
  const choice = type === 'choice' || type === 'multiChoice';
  if (choice && !list.length) errors.push({ field: 'options', code: 'required' });
  if (!choice && list.length) errors.push({ field: 'options', code: 'invalid' });
  const seen = new Set<string>();
  list.forEach((o, i) => {
    if (seen.has(o.key)) errors.push({ field: `options[${i}].key`, code: 'taken' });
    seen.add(o.key);
  });
}

// ---- custom fields ----

/** The live definitions of an entity's custom fields (for validation, filters and export). */
export function fieldDefsOf(tx: Db, orgId: string, entity: string) {
  return repo.listFieldDefs(tx, orgId, entity);
}

export async function listCustomFields(ctx: Ctx, entity?: string) {
  need(ctx, 'customFields', 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => ({
    items: await repo.listFieldDefs(tx, ctx.actor.orgId, entity),
  }));
}

export async function createCustomField(ctx: Ctx, input: CustomFieldCreate) {
  need(ctx, 'customFields', 'create');
  const errors: FieldError[] = [];
  checkOptions(input.type, input.options, errors);
  if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const id = newId();
    await repo
      .insertFieldDef(tx, {
        ...stamp(ctx),
        id,
        entity: input.entity,
        key: input.key,
        label: input.label,
        type: input.type,
        required: input.required ?? false,
        options: input.options ?? [],
        position: input.position ?? 0,
      })
      .catch(taken);
    const row = (await repo.findFieldDef(tx, ctx.actor.orgId, id))!;
    await auditChange(tx, ctx, 'customFields', id, 'create', null, row);
    return row;
  });
}

export async function updateCustomField(ctx: Ctx, id: string, patch: CustomFieldPatch) {
  need(ctx, 'customFields', 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await repo.findFieldDef(tx, ctx.actor.orgId, id);
    if (!before) throw notFound('customField');
    const errors: FieldError[] = [];
    if (patch.options !== undefined) checkOptions(before.type, patch.options, errors);
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    const { version, ...set } = patch;
    const key = { orgId: ctx.actor.orgId, id, version };
    await updateVersioned(tx, customFieldDefs, key, set, who(ctx), 'customField');
    const after = (await repo.findFieldDef(tx, ctx.actor.orgId, id))!;
    await auditChange(tx, ctx, 'customFields', id, 'update', before, after);
    return after;
  });
}

/** Stored values stay on the records (a field defined again with the same key shows them again). */
export async function deleteCustomField(ctx: Ctx, id: string) {
  need(ctx, 'customFields', 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await softDelete(tx, customFieldDefs, ctx.actor.orgId, id, who(ctx))))
      throw notFound('customField');
    await audit(tx, ctx, 'customFields', id, 'delete');
  });
}

// ---- dictionaries ----

/** Gives an organisation the default entries of every dictionary it never had (new and older orgs). */
export async function ensureDictionaries(tx: Db, orgId: string, now: Date): Promise<void> {
  const seeded = await repo.seededDictionaries(tx, orgId);
  for (const d of DICTIONARIES) if (!seeded.has(d)) await repo.seedItems(tx, orgId, d, defaultItems(d), now);
}

export async function listDictionaries(ctx: Ctx) {
  need(ctx, 'dictionaries', 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await ensureDictionaries(tx, ctx.actor.orgId, ctx.now);
    const rows = await repo.listItems(tx, ctx.actor.orgId);
    return {
      items: DICTIONARIES.map((d) => ({ dictionary: d, items: rows.filter((r) => r.dictionary === d) })),
    };
  });
}

export async function listDictionaryItems(ctx: Ctx, dictionary: DictionaryName) {
  need(ctx, 'dictionaries', 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await ensureDictionaries(tx, ctx.actor.orgId, ctx.now);
    return { items: await repo.listItems(tx, ctx.actor.orgId, dictionary) };
  });
}

export async function createDictionaryItem(
  ctx: Ctx,
  dictionary: DictionaryName,
  input: DictionaryItemCreate,
) {
  need(ctx, 'dictionaries', 'create');
  const key = input.key.trim();
  if (!key) throw new AppError('VALIDATION_FAILED', {}, [{ field: 'key', code: 'required' }]);
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    await ensureDictionaries(tx, ctx.actor.orgId, ctx.now);
    const id = newId();
    await repo
      .insertItem(tx, {
        ...stamp(ctx),
        id,
        dictionary,
        key,
        label: input.label,
        position: input.position ?? 0,
        active: input.active ?? true,
      })
      .catch(taken);
    const row = (await repo.findItem(tx, ctx.actor.orgId, dictionary, id))!;
    await auditChange(tx, ctx, 'dictionaries', id, 'create', null, row);
    return row;
  });
}

export async function updateDictionaryItem(
  ctx: Ctx,
  dictionary: DictionaryName,
  id: string,
  patch: DictionaryItemPatch,
) {
  need(ctx, 'dictionaries', 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await repo.findItem(tx, ctx.actor.orgId, dictionary, id);
    if (!before) throw notFound('dictionaryItem');
    const { version, ...set } = patch;
    await updateVersioned(
      tx,
      dictionaryItems,
      { orgId: ctx.actor.orgId, id, version },
      set,
      who(ctx),
      'dictionaryItem',
    );
    const after = (await repo.findItem(tx, ctx.actor.orgId, dictionary, id))!;
    await auditChange(tx, ctx, 'dictionaries', id, 'update', before, after);
    return after;
  });
}

/** Records keep the key they stored; a deleted entry can no longer be chosen. */
export async function deleteDictionaryItem(ctx: Ctx, dictionary: DictionaryName, id: string) {
  need(ctx, 'dictionaries', 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findItem(tx, ctx.actor.orgId, dictionary, id))) throw notFound('dictionaryItem');
    await softDelete(tx, dictionaryItems, ctx.actor.orgId, id, who(ctx));
    await audit(tx, ctx, 'dictionaries', id, 'delete');
  });
}

/**
 * Field errors (code notInDictionary) for values that are not active entries of their dictionary.
 * `fields` maps a record field to its dictionary; `values` holds only the values to check.
 */
export async function checkDictionaryValues(
  tx: Db,
  orgId: string,
  now: Date,
  fields: Record<string, DictionaryName>,
  values: Record<string, string | null | undefined>,
): Promise<FieldError[]> {
  const wanted = Object.entries(values).filter(([, v]) => v !== null && v !== undefined);
  if (!wanted.length) return [];
  await ensureDictionaries(tx, orgId, now);
  const active = await repo.listItems(tx, orgId, undefined, { activeOnly: true });
  const has = new Set(active.map((r) => `${r.dictionary}\u0000${r.key}`));
  return wanted
    .filter(([f, v]) => fields[f] && !has.has(`${fields[f]}\u0000${v}`))
    .map(([f]) => ({ field: f, code: 'notInDictionary' }));
}

/** dictionary → key → label in the reader's language (entries deleted since are left out). */
export async function dictionaryLabels(tx: Db, orgId: string, locale: 'zh-CN' | 'en') {
  const rows = await repo.listItems(tx, orgId);
  const out = new Map<string, Map<string, string>>();
  for (const r of rows) {
    if (!out.has(r.dictionary)) out.set(r.dictionary, new Map());
    out.get(r.dictionary)!.set(r.key, r.label[locale]);
  }
  return out;
}

/** Active dictionary entries with both labels (imports match a cell by key or by either label). */
export async function activeDictionaryItems(tx: Db, orgId: string, now: Date) {
  await ensureDictionaries(tx, orgId, now);
  const rows = await repo.listItems(tx, orgId, undefined, { activeOnly: true });
  return rows.map((r) => ({ dictionary: r.dictionary as DictionaryName, key: r.key, label: r.label }));
}
