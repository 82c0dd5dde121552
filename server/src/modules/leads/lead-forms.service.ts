import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../plugins/context.ts';
import type { Database } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { withSystem, withTenant } from '../../db/tenant.ts';
import { softDelete, updateVersioned } from '../../db/record-ops.ts';
import { AppError, forbidden, notFound, type FieldError } from '../../lib/errors.ts';
import { can, type Action } from '../access/index.ts';
import { audit, auditChange, insertAudit } from '../audit/index.ts';
import * as repo from './lead-forms.repository.ts';
import { leadForms } from './leads.table.ts';
import { checkSubmission, formSnippet, RATE_LIMIT } from './lead-form-rules.ts';
import { applyLeadInput, EMPTY_LEAD } from './lead-input.ts';
import { checkLeadDictionaries, insertNewLeads } from './leads.service.ts';
import type { FormDefaults, LeadFormCreate, LeadFormPatch } from './lead-forms.schema.ts';

const ENTITY = 'leadForms';

function requireForms(ctx: Ctx, action: Action): void {
  if (!can(ctx.actor, ENTITY, action)) throw forbidden(ENTITY, action);
}

export const publicPath = (key: string) => `/api/v1/public/forms/${key}`;

function present(row: repo.LeadFormRow) {
  const { orgId: _o, deletedAt: _d, deletedBy: _db, ...rest } = row;
  return { ...rest, path: publicPath(row.publicKey) };
}

const snapshot = (r: repo.LeadFormRow) => ({
  name: r.name,
  fields: r.fields,
  requiredFields: r.requiredFields,
  defaults: r.defaults,
  active: r.active,
});

/** Required fields must be offered; default channel and product lines must be active dictionary entries. */
async function checkForm(
  tx: Parameters<Parameters<typeof withTenant>[2]>[0],
  ctx: Ctx,
  fields: string[],
  required: string[],
  defaults: FormDefaults,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  required.forEach((f, i) => {
    if (!fields.includes(f))
      errors.push({ field: `requiredFields[${i}]`, code: 'enum', params: { allowed: fields } });
  });
  const dict = await checkLeadDictionaries(tx, ctx.actor.orgId, ctx.now, {
    ...(defaults.channel ? { channel: defaults.channel } : {}),
    productInterest: defaults.productInterest ?? [],
  });
  errors.push(...dict.map((e) => ({ ...e, field: `defaults.${e.field}` })));
  return errors;
}

export async function listForms(ctx: Ctx) {
  requireForms(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const items = (await repo.listForms(tx, ctx.actor.orgId)).map(present);
    return { items, total: items.length };
  });
}

export async function getForm(ctx: Ctx, id: string) {
  requireForms(ctx, 'read');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const row = await repo.findForm(tx, ctx.actor.orgId, id);
    if (!row) throw notFound('leadForm');
    return present(row);
  });
}

export async function createForm(ctx: Ctx, input: LeadFormCreate) {
  requireForms(ctx, 'create');
  const fields = [...new Set(input.fields)];
  const required = [...new Set(input.requiredFields ?? [])];
  const defaults = input.defaults ?? {};
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const errors = await checkForm(tx, ctx, fields, required, defaults);
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    const id = newId();
    await repo.insertForm(tx, {
      id,
      orgId: ctx.actor.orgId,
      name: input.name.trim(),
      publicKey: randomBytes(18).toString('base64url'),
      fields,
      requiredFields: required,
      defaults,
      active: input.active ?? true,
      createdBy: ctx.actor.userId,
      updatedBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    });
    const row = (await repo.findForm(tx, ctx.actor.orgId, id))!;
    await auditChange(tx, ctx, ENTITY, id, 'create', null, snapshot(row));
    return present(row);
  });
}

export async function updateForm(ctx: Ctx, id: string, patch: LeadFormPatch) {
  requireForms(ctx, 'update');
  return withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    const before = await repo.findForm(tx, ctx.actor.orgId, id);
    if (!before) throw notFound('leadForm');
    const fields = patch.fields ? [...new Set(patch.fields)] : before.fields;
    const required = patch.requiredFields
      ? [...new Set(patch.requiredFields)]
      : before.requiredFields.filter((f) => fields.includes(f));
    const defaults = (patch.defaults ?? before.defaults) as FormDefaults;
    const errors = await checkForm(tx, ctx, fields, required, patch.defaults ?? {});
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    const set = {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      fields,
      requiredFields: required,
      defaults,
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    };
    await updateVersioned(
      tx,
      leadForms,
      { orgId: ctx.actor.orgId, id, version: patch.version },
      set,
      { userId: ctx.actor.userId, now: ctx.now },
      'leadForm',
    );
    const after = (await repo.findForm(tx, ctx.actor.orgId, id))!;
    await auditChange(tx, ctx, ENTITY, id, 'update', snapshot(before), snapshot(after));
    return present(after);
  });
}

export async function deleteForm(ctx: Ctx, id: string) {
  requireForms(ctx, 'delete');
  await withTenant(ctx.db, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findForm(tx, ctx.actor.orgId, id))) throw notFound('leadForm');
    await softDelete(tx, leadForms, ctx.actor.orgId, id, { userId: ctx.actor.userId, now: ctx.now });
    await audit(tx, ctx, ENTITY, id, 'delete');
  });
}

/** The embeddable snippet; `origin` is where this server is reached (the request's own). */
export async function formSnippetOf(ctx: Ctx, id: string, origin: string) {
  const form = await getForm(ctx, id);
  const url = `${origin}${form.path}`;
  return { url, html: formSnippet({ ...form, defaults: form.defaults }, url) };
}

export interface PublicRequest {
  database: Database;
  key: string;
  ip: string;
  now: Date;
  body: unknown;
}

/**
 * A visitor's submission, without login: the form is looked up across organisations on the owner
 * connection, the rate per IP and form counted there too, then the lead is written inside the
 * form's organisation. Unknown fields, invalid values and floods store nothing; a filled honeypot
 * pretends success and stores nothing.
 */
export async function submitPublicForm(req: PublicRequest): Promise<{ accepted: true }> {
  const db = req.database.db;
  const form = await withSystem(db, (tx) => repo.findActiveFormByKey(tx, req.key));
  if (!form) throw notFound('leadForm');
  const hit = await withSystem(db, (tx) =>
    repo.hitRateWindow(tx, `leadForm:${form.id}:${req.ip}`, req.now, RATE_LIMIT.windowMs),
  );
  if (hit.count > RATE_LIMIT.max) {
    const wait = Math.max(
      1,
      Math.ceil((hit.windowStart.getTime() + RATE_LIMIT.windowMs - req.now.getTime()) / 1000),
    );
    throw new AppError('RATE_LIMITED', {}, undefined, { 'retry-after': String(wait) });
  }
  const check = checkSubmission(form, req.body);
  if (check.kind === 'unknown')
    throw new AppError(
      'UNKNOWN_FIELD',
      { fields: check.fields },
      check.fields.map((f) => ({ field: f, code: 'unknownField' })),
    );
  if (check.kind === 'invalid') throw new AppError('VALIDATION_FAILED', {}, check.errors);
  if (check.kind === 'honeypot') return { accepted: true };
  await withTenant(db, form.orgId, async (tx) => {
    const { fields, errors } = applyLeadInput(EMPTY_LEAD, check.input);
    // The form's own defaults were checked when it was saved; what the visitor typed is checked now.
    errors.push(...(await checkLeadDictionaries(tx, form.orgId, req.now, fields)));
    if (errors.length) throw new AppError('VALIDATION_FAILED', {}, errors);
    const [id] = await insertNewLeads(tx, form.orgId, { userId: null, now: req.now }, [
      { fields, formId: form.id },
    ]);
    await repo.countSubmission(tx, form.orgId, form.id);
    await insertAudit(tx, {
      orgId: form.orgId,
      actorId: null,
      actorKind: 'system',
      apiKeyId: null,
      ip: req.ip,
      entity: 'leads',
      entityId: id!,
      action: 'create',
      changes: [{ field: 'formId', old: null, new: form.id }],
      at: req.now,
    });
  });
  return { accepted: true };
}
