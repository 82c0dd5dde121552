import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ctxOf } from '../../plugins/context.ts';
import { errorResponses } from '../../lib/schemas.ts';
import { GreetingSettingsSchema } from './greetings.schema.ts';
import type { GreetingSettings } from './greetings.ts';
import { getGreetingSettings, putGreetingSettings } from './greetings.service.ts';

export async function greetingSettingsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['tasks'];
  r.get(
    '/api/v1/settings/greetings',
    { schema: { tags, response: { 200: GreetingSettingsSchema, ...errorResponses } } },
    async (req) => getGreetingSettings(ctxOf(req)),
  );
  r.put(
    '/api/v1/settings/greetings',
    {
      schema: {
        tags,
        description: 'Greeting tasks: on/off, days ahead, holidays, customer grades. Administrators.',
        body: GreetingSettingsSchema,
        response: { 200: GreetingSettingsSchema, ...errorResponses },
      },
    },
    async (req) => putGreetingSettings(ctxOf(req), req.body as GreetingSettings),
  );
}
