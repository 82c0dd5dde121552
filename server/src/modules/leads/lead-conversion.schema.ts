import { Type, type Static } from 'typebox';
import { Nullable, Uuid } from '../../lib/schemas.ts';
import { LeadOut } from './leads.schema.ts';

export const ConvertBody = Type.Object(
  {
    /** An existing customer to attach to (must be visible); default: the matched duplicate, else a new one. */
    customerId: Type.Optional(Uuid),
    /** null: no opportunity. Defaults: named after the company, the default pipeline's first stage. */
    opportunity: Type.Optional(
      Nullable(
        Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            amount: Type.Optional(Type.String({ pattern: '^\\d{1,16}(\\.\\d{1,2})?$' })),
            currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
            pipelineId: Type.Optional(Uuid),
            stageId: Type.Optional(Uuid),
            expectedCloseDate: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
          },
          { additionalProperties: false },
        ),
      ),
    ),
    /** Create a contact from the lead's person (default true when the lead has a name). */
    createContact: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ConvertBody = Static<typeof ConvertBody>;

export const ConvertOut = Type.Object({
  lead: LeadOut,
  customerId: Uuid,
  contactId: Nullable(Uuid),
  opportunityId: Nullable(Uuid),
  reusedCustomer: Type.Boolean(),
});
