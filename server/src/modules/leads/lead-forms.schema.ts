import { Type, type Static } from 'typebox';
import { Nullable, RecordMeta, VersionField } from '../../lib/schemas.ts';
import { FORM_FIELDS } from './lead-form-rules.ts';

const FieldName = Type.Enum([...FORM_FIELDS]);

export const FormDefaults = Type.Object(
  {
    channel: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    campaign: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 })),
    language: Type.Optional(Nullable(Type.String({ pattern: '^[A-Za-z]{2,3}$' }))),
    productInterest: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 }),
    ),
  },
  { additionalProperties: false },
);
export type FormDefaults = Static<typeof FormDefaults>;

const body = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  fields: Type.Array(FieldName, { minItems: 1, maxItems: FORM_FIELDS.length }),
  requiredFields: Type.Optional(Type.Array(FieldName, { maxItems: FORM_FIELDS.length })),
  defaults: Type.Optional(FormDefaults),
  active: Type.Optional(Type.Boolean()),
};

export const LeadFormCreate = Type.Object(body, { additionalProperties: false });
export type LeadFormCreate = Static<typeof LeadFormCreate>;

export const LeadFormPatch = Type.Object(
  {
    version: VersionField,
    name: Type.Optional(body.name),
    fields: Type.Optional(body.fields),
    requiredFields: body.requiredFields,
    defaults: body.defaults,
    active: body.active,
  },
  { additionalProperties: false },
);
export type LeadFormPatch = Static<typeof LeadFormPatch>;

export const LeadFormOut = Type.Object({
  ...RecordMeta,
  name: Type.String(),
  publicKey: Type.String(),
  /** Where the form posts: /api/v1/public/forms/:publicKey */
  path: Type.String(),
  fields: Type.Array(Type.String()),
  requiredFields: Type.Array(Type.String()),
  defaults: Type.Record(Type.String(), Type.Unknown()),
  active: Type.Boolean(),
  submissions: Type.Integer(),
});

export const LeadFormList = Type.Object({ items: Type.Array(LeadFormOut), total: Type.Integer() });

export const SnippetOut = Type.Object({ url: Type.String(), html: Type.String() });

export const PublicKeyParams = Type.Object(
  { key: Type.String({ minLength: 10, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) },
  { additionalProperties: false },
);

/** The public body is checked by the form's own rules (lead-form-rules.ts), not by a fixed schema. */
export const PublicSubmitOut = Type.Object({ accepted: Type.Boolean() });
