import { Type } from 'typebox';
import { ALL_HOLIDAY_KEYS } from './holidays.ts';

export const GreetingSettingsSchema = Type.Object(
  {
    enabled: Type.Boolean(),
    daysAhead: Type.Integer({ minimum: 0, maximum: 30 }),
    holidays: Type.Array(Type.Enum([...ALL_HOLIDAY_KEYS]), { maxItems: 20 }),
    grades: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 20 }),
  },
  { additionalProperties: false },
);
