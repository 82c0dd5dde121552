import { newId } from '../../db/columns.ts';
import type { FieldError } from '../../lib/errors.ts';
import type { ImportEntity, RowOutcome, UndoResult } from '../imports/index.ts';
import { fieldDefsOf } from '../customization/index.ts';
import { normaliseCompanyName, refreshCustomerSearches, searchDocs } from '../customers/index.ts';
import * as repo from './contact-import.repository.ts';
import {
  contactFromRow,
  contactImportFields,
  contactKeys,
  displayContact,
  type ContactImportContext,
  type ContactImportValue,
} from './contact-import.ts';
import { applyContactInput, type ContactFields } from './contact-input.ts';
import { ENTITY, requireContacts } from './contacts.service.ts';

interface Pending {
  id: string;
  create: boolean;
  customerId: string;
  rowNo: number;
  fields: ContactFields;
  stored?: repo.StoredContact;
}

const docsOf = (f: Pick<ContactFields, 'name' | 'phones' | 'emails'>) =>
  searchDocs({ contactNames: [f.name], phones: f.phones, emails: f.emails });

function storedFields(s: repo.StoredContact): ContactFields {
  return {
    name: s.name,
    title: s.title,
    phones: s.phones,
    emails: s.emails,
    wechatId: s.wechatId,
    decisionRole: s.decisionRole,
    birthday: s.birthday,
    birthdayLunar: s.birthdayLunar,
    hobbies: s.hobbies,
    familyNotes: s.familyNotes,
    isKeyPerson: s.isKeyPerson,
    notes: s.notes,
    customFields: s.customFields,
  };
}

/** A file's customer reference → the one customer it names: code first, then exact name, then normalised name. */
function resolver(matches: repo.CustomerMatch[]) {
  return (ref: string): { id: string } | { error: FieldError } => {
    const visible = matches.filter((m) => m.visible);
    for (const pick of [
      (m: repo.CustomerMatch) => m.code === ref,
      (m: repo.CustomerMatch) => m.name === ref,
      (m: repo.CustomerMatch) => m.nameKey !== null && m.nameKey === normaliseCompanyName(ref),
    ]) {
      const ids = [...new Set(visible.filter(pick).map((m) => m.id))];
      if (ids.length === 1) return { id: ids[0]! };
      if (ids.length > 1) return { error: { field: 'customerId', code: 'ambiguousKey' } };
    }
    return { error: { field: 'customerId', code: 'notFound' } };
  };
}

const KEY_PREFIX: Record<string, string> = { email: 'email:', phone: 'phone:', name: 'name:' };

export const contactsImport: ImportEntity<ContactImportContext, ContactImportValue> = {
  entity: ENTITY,
  label: { 'zh-CN': '联系人', en: 'Contacts' },
  formats: ['csv', 'xlsx', 'vcf'],
  tables: ['contacts (org_id, customer_id, name, deleted_at)'],
  keys: [
    { key: 'email', label: { 'zh-CN': '邮箱（同一客户内）', en: 'Email (within the customer)' } },
    { key: 'phone', label: { 'zh-CN': '电话（同一客户内）', en: 'Phone (within the customer)' } },
    { key: 'name', label: { 'zh-CN': '姓名（同一客户内）', en: 'Name (within the customer)' } },
  ],

  authorise(ctx, mode) {
    requireContacts(ctx, 'create');
    if (mode === 'upsert') requireContacts(ctx, 'update');
  },

  async fields(tx, ctx) {
    return contactImportFields(await fieldDefsOf(tx, ctx.actor.orgId, ENTITY));
  },

  async prepare(tx, ctx, opts) {
    return { defs: await fieldDefsOf(tx, ctx.actor.orgId, ENTITY), partial: opts.mode === 'upsert' };
  },

  validate: (p, row) => contactFromRow(p, row),

  display: (_p, v) => displayContact(v),

  async write(tx, ctx, p, rows, opts) {
    const orgId = ctx.actor.orgId;
    const refs = [...new Set(rows.map((r) => r.value.customer))];
    const resolve = resolver(
      await repo.matchCustomers(
        tx,
        ctx.actor,
        refs,
        refs.map((r) => normaliseCompanyName(r)).filter(Boolean),
      ),
    );
    const resolved = new Map(refs.map((r) => [r, resolve(r)]));
    const customerIds = [...new Set([...resolved.values()].flatMap((r) => ('id' in r ? [r.id] : [])))];
    const existing = new Map<string, repo.StoredContact[]>();
    for (const c of await repo.contactsOfCustomers(tx, orgId, customerIds))
      for (const k of contactKeys(c)) {
        const id = `${c.customerId}|${k}`;
        existing.set(id, [...(existing.get(id) ?? []), c]);
      }
    const pending = new Map<string, Pending>();
    const batchKeys = new Map<string, Pending>();
    const outcomes: (RowOutcome | { rowNo: number; kind: 'pending'; target: Pending; created: boolean })[] =
      [];
    const prefix = opts.mode === 'upsert' ? KEY_PREFIX[opts.key ?? ''] : undefined;

    for (const { rowNo, value: v } of rows) {
      const r = resolved.get(v.customer)!;
      if ('error' in r) {
        outcomes.push({ rowNo, kind: 'failed', errors: [r.error] });
        continue;
      }
      const cid = r.id;
      const keys = contactKeys(v.fields).map((k) => `${cid}|${k}`);
      if (prefix) {
        const own = keys.filter((k) => k.startsWith(`${cid}|${prefix}`));
        const targets = new Map<string, Pending | repo.StoredContact>();
        for (const k of own) {
          const b = batchKeys.get(k);
          if (b) targets.set(b.id, b);
          for (const c of existing.get(k) ?? [])
            if (!targets.has(c.id)) targets.set(c.id, pending.get(c.id) ?? c);
        }
        if (targets.size > 1) {
          outcomes.push({ rowNo, kind: 'failed', errors: [{ field: opts.key!, code: 'ambiguousKey' }] });
          continue;
        }
        if (targets.size === 1) {
          const t = [...targets.values()][0]!;
          const pend: Pending =
            'create' in t
              ? t
              : {
                  id: t.id,
                  create: false,
                  customerId: t.customerId,
                  rowNo,
                  fields: storedFields(t),
                  stored: t,
                };
          const input = {
            ...v.input,
            ...(v.input.customFields
              ? { customFields: { ...pend.fields.customFields, ...v.input.customFields } }
              : {}),
          };
          const applied = applyContactInput(pend.fields, input);
          if (applied.errors.length) {
            outcomes.push({ rowNo, kind: 'failed', errors: applied.errors });
            continue;
          }
          pend.fields = applied.fields;
          pending.set(pend.id, pend);
          for (const k of contactKeys(pend.fields))
            if (!batchKeys.has(`${cid}|${k}`)) batchKeys.set(`${cid}|${k}`, pend);
          outcomes.push({ rowNo, kind: 'pending', target: pend, created: pend.create });
          continue;
        }
      }
      const inBatch = keys.map((k) => batchKeys.get(k)).find(Boolean);
      const stored = keys.flatMap((k) => existing.get(k) ?? [])[0];
      if (inBatch || stored) {
        outcomes.push({
          rowNo,
          kind: opts.mode === 'skip-duplicates' ? 'skipped' : 'failed',
          errors: [
            inBatch
              ? { field: 'name', code: 'duplicateInFile', params: { row: inBatch.rowNo } }
              : { field: 'name', code: 'duplicateContact', params: { name: stored!.name } },
          ],
        });
        continue;
      }
      const pend: Pending = { id: newId(), create: true, customerId: cid, rowNo, fields: v.fields };
      pending.set(pend.id, pend);
      for (const k of keys) batchKeys.set(k, pend);
      outcomes.push({ rowNo, kind: 'pending', target: pend, created: true });
    }

    const who = { userId: ctx.actor.userId, now: ctx.now };
    const all = [...pending.values()];
    const toWrite = (x: Pending): repo.ContactWrite => ({
      ...x.fields,
      id: x.id,
      customerId: x.customerId,
      docs: docsOf(x.fields),
    });
    await repo.insertContacts(tx, orgId, all.filter((x) => x.create).map(toWrite), who);
    const versions = await repo.updateContacts(tx, orgId, all.filter((x) => !x.create).map(toWrite), who);
    await refreshCustomerSearches(tx, orgId, [...new Set(all.map((x) => x.customerId))]);
    return outcomes.map((o) => {
      if (o.kind !== 'pending') return o;
      const t = o.target;
      const version = t.create ? 1 : (versions.get(t.id) ?? 1);
      return o.created
        ? { rowNo: o.rowNo, kind: 'created', id: t.id, version }
        : {
            rowNo: o.rowNo,
            kind: 'updated',
            id: t.id,
            version,
            before: { ...storedFields(t.stored!), customerId: t.stored!.customerId },
          };
    });
  },

  async undo(tx, ctx, records): Promise<UndoResult> {
    const orgId = ctx.actor.orgId;
    const state = new Map(
      (
        await repo.undoState(
          tx,
          orgId,
          records.map((r) => r.recordId),
        )
      ).map((s) => [s.id, s]),
    );
    const conflicts: UndoResult['conflicts'] = [];
    const remove: string[] = [];
    const restore: repo.ContactWrite[] = [];
    const touched = new Set<string>();
    for (const r of records) {
      const s = state.get(r.recordId);
      if (!s) continue;
      const changed =
        s.version !== r.versionAfter || (r.action === 'created' && (s.deletedAt !== null || s.hasDependents));
      if (changed) {
        conflicts.push({ id: s.id, name: s.name });
        continue;
      }
      touched.add(s.customerId);
      if (r.action === 'created') remove.push(s.id);
      else if (r.before) {
        const b = r.before as unknown as ContactFields & { customerId: string };
        restore.push({ ...b, id: s.id, docs: docsOf(b) });
        touched.add(b.customerId);
      }
    }
    await repo.hardDeleteContacts(tx, orgId, remove);
    await repo.updateContacts(tx, orgId, restore, { userId: ctx.actor.userId, now: ctx.now });
    await refreshCustomerSearches(tx, orgId, [...touched]);
    return { undone: remove.length + restore.length, conflicts };
  },
};
