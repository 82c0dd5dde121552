import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../lib/errors.ts';
import { errorResponses } from '../../lib/schemas.ts';
import { ctxOf } from '../../plugins/context.ts';
import { citiesOf, districtsOf, divisionByCode, provinces, type Division } from '../customers/index.ts';

const DivisionOut = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.Union([Type.Literal('province'), Type.Literal('city'), Type.Literal('district')]),
  hasChildren: Type.Boolean(),
});

function childrenOf(d: Division | null): Division[] {
  if (!d) return provinces();
  if (d.level === 'province') return citiesOf(d.code);
  if (d.level === 'city') return districtsOf(d.code);
  return [];
}

/** Reference data every signed-in user needs in forms: mainland administrative divisions. */
export async function referenceRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/divisions',
    {
      schema: {
        tags: ['reference'],
        querystring: Type.Object(
          { parent: Type.Optional(Type.String({ pattern: '^\\d{6}$' })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(DivisionOut) }), ...errorResponses },
      },
    },
    async (req) => {
      ctxOf(req); // signed in
      const parent = req.query.parent ? divisionByCode(req.query.parent) : null;
      if (req.query.parent && !parent) throw new AppError('NOT_FOUND', { entity: 'division' });
      return {
        items: childrenOf(parent)
          .filter((d) => !d.statistical)
          .map((d) => ({
            code: d.code,
            name: d.name,
            level: d.level,
            hasChildren: childrenOf(d).length > 0,
          })),
      };
    },
  );
}
