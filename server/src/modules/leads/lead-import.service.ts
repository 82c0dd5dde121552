import type { ImportEntity, RowOutcome, UndoResult } from '../imports/index.ts';
import { recordScope } from '../access/index.ts';
import { activeDictionaryItems } from '../customization/index.ts';
import * as repo from './lead-import.repository.ts';
import { findUser } from './leads.repository.ts';
import {
  displayLead,
  leadFromRow,
  leadImportFields,
  leadKeys,
  norm,
  type LeadImportContext,
  type LeadImportValue,
} from './lead-import.ts';
import { applyLeadInput, type LeadFields } from './lead-input.ts';
import { ENTITY, insertNewLeads, leadDocs, requireLeads } from './leads.service.ts';

type Stored = Awaited<ReturnType<typeof repo.leadsByKeys>>[number];

function storedFields(s: Stored): LeadFields {
  const { id: _i, version: _v, deletedAt: _d, status: _s, ...f } = s;
  return f;
}

interface Pending {
  id: string | null;
  rowNo: number;
  fields: LeadFields;
  stored?: Stored;
}

/**
 * Leads from spreadsheets and vCards (a fair's business cards in one go): the import's tags and
 * the fair (channel, campaign defaults) stamped on every row; new leads go through the assignment
 * rules in the batch's transaction. Upsert keys: email, phone.
 */
export const leadsImport: ImportEntity<LeadImportContext, LeadImportValue> = {
  entity: ENTITY,
  label: { 'zh-CN': '线索', en: 'Leads' },
  formats: ['csv', 'xlsx', 'vcf'],
  tables: ['leads (org_id, created_at, deleted_at)'],
  keys: [
    { key: 'email', label: { 'zh-CN': '邮箱', en: 'Email' } },
    { key: 'phone', label: { 'zh-CN': '电话', en: 'Phone' } },
  ],

  authorise(ctx, mode) {
    requireLeads(ctx, 'create');
    if (mode === 'upsert') requireLeads(ctx, 'update');
  },

  async fields() {
    return leadImportFields();
  },

  async prepare(tx, ctx, opts) {
    const items = await activeDictionaryItems(tx, ctx.actor.orgId, ctx.now);
    const mapOf = (dict: string) => {
      const m = new Map<string, string>();
      for (const i of items.filter((x) => x.dictionary === dict))
        for (const s of [i.key, i.label['zh-CN'], i.label.en]) m.set(norm(s), i.key);
      return m;
    };
    const defaults =
      (opts as { defaults?: { channel?: string | null; campaign?: string | null } }).defaults ?? {};
    let owner: LeadImportContext['owner'] = null;
    if (opts.ownerId) {
      const u = await findUser(tx, ctx.actor.orgId, opts.ownerId);
      if (u) owner = { ...u, reason: 'manual' };
    } else if (recordScope(ctx.actor).kind === 'own')
      owner = {
        id: ctx.actor.userId,
        teamId: ctx.actor.teamId,
        departmentId: ctx.actor.departmentId,
        reason: 'creator',
      };
    const channels = mapOf('leadChannel');
    return {
      channels,
      productLines: mapOf('productLine'),
      tags: opts.tags,
      defaults: {
        channel: defaults.channel ? (channels.get(norm(defaults.channel)) ?? null) : 'tradeFair',
        campaign: defaults.campaign ?? null,
      },
      owner,
    };
  },

  validate: (p, row) => leadFromRow(p, row),

  display: (_p, v) => displayLead(v),

  async write(tx, ctx, p, rows, opts) {
    const orgId = ctx.actor.orgId;
    const keyed = opts.mode !== 'create';
    const allKeys = rows.map((r) => leadKeys(r.value.fields));
    const existing = keyed
      ? await repo.leadsByKeys(
          tx,
          ctx.actor,
          [...new Set(allKeys.flatMap((k) => k.email))],
          [...new Set(allKeys.flatMap((k) => [...k.phone.map((x) => x.replace(/\D/g, '')), ...k.phone]))],
        )
      : [];
    const byKey = new Map<string, Stored[]>();
    for (const s of existing) {
      const k = leadKeys(s);
      for (const x of [...k.email.map((e) => `email:${e}`), ...k.phone.map((x) => `phone:${x}`)])
        byKey.set(x, [...(byKey.get(x) ?? []), s]);
    }
    const batchKeys = new Map<string, Pending>();
    const pendings: Pending[] = [];
    const outcomes: (RowOutcome | { rowNo: number; kind: 'pending'; target: Pending; created: boolean })[] =
      [];
    rows.forEach(({ rowNo, value: v }, i) => {
      const k = allKeys[i]!;
      const keys = [...k.email.map((e) => `email:${e}`), ...k.phone.map((x) => `phone:${x}`)];
      if (opts.mode === 'upsert') {
        const own = keys.filter((x) => x.startsWith(`${opts.key}:`));
        const targets = new Map<string, Pending | Stored>();
        for (const x of own) {
          const b = batchKeys.get(x);
          if (b) targets.set(b.id ?? `row${b.rowNo}`, b);
          for (const s of byKey.get(x) ?? []) if (!targets.has(s.id)) targets.set(s.id, s);
        }
        if (targets.size > 1) {
          outcomes.push({ rowNo, kind: 'failed', errors: [{ field: opts.key!, code: 'ambiguousKey' }] });
          return;
        }
        if (targets.size === 1) {
          const t = [...targets.values()][0]!;
          const pend: Pending =
            'rowNo' in t && !('version' in t)
              ? t
              : (pendings.find((x) => x.id === (t as Stored).id) ?? {
                  id: (t as Stored).id,
                  rowNo,
                  fields: storedFields(t as Stored),
                  stored: t as Stored,
                });
          const merged = {
            ...v.given,
            tags: [...pend.fields.tags, ...(v.given.tags ?? [])],
          };
          const applied = applyLeadInput(pend.fields, merged);
          if (applied.errors.length) {
            outcomes.push({ rowNo, kind: 'failed', errors: applied.errors });
            return;
          }
          pend.fields = applied.fields;
          if (!pendings.includes(pend)) pendings.push(pend);
          for (const x of keys) if (!batchKeys.has(x)) batchKeys.set(x, pend);
          outcomes.push({ rowNo, kind: 'pending', target: pend, created: pend.id === null });
          return;
        }
      } else if (opts.mode === 'skip-duplicates') {
        const inBatch = keys.map((x) => batchKeys.get(x)).find(Boolean);
        const stored = keys.flatMap((x) => byKey.get(x) ?? [])[0];
        if (inBatch || stored) {
          outcomes.push({
            rowNo,
            kind: 'skipped',
            errors: [
              inBatch
                ? {
                    field: keys[0]!.split(':')[0] === 'email' ? 'emails' : 'phones',
                    code: 'duplicateInFile',
                    params: { row: inBatch.rowNo },
                  }
                : {
                    field: keys[0]!.split(':')[0] === 'email' ? 'emails' : 'phones',
                    code: 'duplicateLead',
                    params: { name: stored!.name ?? stored!.company },
                  },
            ],
          });
          return;
        }
      }
      const pend: Pending = { id: null, rowNo, fields: v.fields };
      pendings.push(pend);
      for (const x of keys) if (!batchKeys.has(x)) batchKeys.set(x, pend);
      outcomes.push({ rowNo, kind: 'pending', target: pend, created: true });
    });

    const creates = pendings.filter((x) => x.id === null);
    const o = p.owner;
    const ids = await insertNewLeads(
      tx,
      orgId,
      { userId: ctx.actor.userId, now: ctx.now },
      creates.map((c) => ({
        fields: c.fields,
        ownerId: o?.id ?? null,
        teamId: o?.teamId ?? null,
        departmentId: o?.departmentId ?? null,
        assignmentReason: o?.reason ?? null,
      })),
    );
    creates.forEach((c, i) => (c.id = ids[i]!));
    const updates = pendings.filter((x) => x.stored);
    const versions = await repo.updateLeadFields(
      tx,
      orgId,
      updates.map((u) => ({ id: u.id!, fields: u.fields, docs: leadDocs(u.fields) })),
      { userId: ctx.actor.userId, now: ctx.now },
    );
    return outcomes.map((out) => {
      if (out.kind !== 'pending') return out;
      const t = out.target;
      return out.created
        ? { rowNo: out.rowNo, kind: 'created', id: t.id!, version: 1 }
        : {
            rowNo: out.rowNo,
            kind: 'updated',
            id: t.id!,
            version: versions.get(t.id!) ?? 1,
            before: storedFields(t.stored!) as unknown as Record<string, unknown>,
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
    const restore: { id: string; fields: LeadFields; docs: ReturnType<typeof leadDocs> }[] = [];
    for (const r of records) {
      const s = state.get(r.recordId);
      if (!s) continue;
      // Assignment may bump nothing; a lead worked on since (status, qualification, edits) is left alone.
      const changed =
        s.version !== r.versionAfter ||
        (r.action === 'created' && (s.deletedAt !== null || s.status !== 'new'));
      if (changed) {
        conflicts.push({ id: s.id, name: s.name ?? s.company ?? '' });
        continue;
      }
      if (r.action === 'created') remove.push(s.id);
      else if (r.before) {
        const b = r.before as unknown as LeadFields;
        restore.push({ id: s.id, fields: b, docs: leadDocs(b) });
      }
    }
    await repo.hardDeleteLeads(tx, orgId, remove);
    await repo.updateLeadFields(tx, orgId, restore, { userId: ctx.actor.userId, now: ctx.now });
    return { undone: remove.length + restore.length, conflicts };
  },
};
