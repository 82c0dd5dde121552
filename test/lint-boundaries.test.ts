import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.js') });
});

/** The boundary messages reported for `code` as if it were the file at `filePath` (relative to the repo). */
async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('forbids Drizzle, Fastify, pg and PGlite in a pure domain file', async () => {
    const code = [
      "import { eq } from 'drizzle-orm';",
      "import { pgTable } from 'drizzle-orm/pg-core';",
      "import type { FastifyInstance } from 'fastify';",
      "import fp from 'fastify-plugin';",
      "import pg from 'pg';",
      "import { PGlite } from '@electric-sql/pglite';",
      'export const x = [eq, pgTable, fp, pg, PGlite] as unknown as FastifyInstance;',
    ].join('\n');
    const errors = await boundaryErrors('server/src/modules/customers/dedupe.ts', code);
    expect(errors).toHaveLength(6);
    expect(errors[0]).toMatch(/Pure domain files/);
  });

  it('forbids a pure domain file to import a table, repository or routes module, even its own', async () => {
    const code = [
      "import { customers } from './customers.table.ts';",
      "import { findCustomers } from './customers.repository.ts';",
      "import { customerRoutes } from './customers.routes.ts';",
      'export const x = [customers, findCustomers, customerRoutes];',
    ].join('\n');
    expect(await boundaryErrors('server/src/modules/customers/scoring/rfm.ts', code)).toHaveLength(3);
  });

  it('lets a pure domain file import other pure files and another module’s public surface', async () => {
    const code = [
      "import { toMinorUnits } from './money.ts';",
      "import { gradeOf } from './scoring/grade.ts';",
      "import { can } from '../access/index.ts';",
      "import { formatDate } from '../../lib/dates.ts';",
      'export const x = [toMinorUnits, gradeOf, can, formatDate];',
    ].join('\n');
    expect(await boundaryErrors('server/src/modules/customers/dedupe.ts', code)).toEqual([]);
  });

  it('lets repositories, tables and services use Drizzle and their own module’s files', async () => {
    const code = [
      "import { eq } from 'drizzle-orm';",
      "import { customers } from './customers.table.ts';",
      "import { findCustomers } from './customers.repository.ts';",
      'export const x = [eq, customers, findCustomers];',
    ].join('\n');
    for (const file of [
      'customers.repository.ts',
      'customers.service.ts',
      'customers.routes.ts',
      'index.ts',
    ]) {
      expect(await boundaryErrors(`server/src/modules/customers/${file}`, code)).toEqual([]);
    }
  });

  it("forbids importing another module's internals from any file of a module", async () => {
    const cases: [string, string][] = [
      ['server/src/modules/orders/orders.service.ts', '../customers/customers.repository.ts'],
      ['server/src/modules/orders/orders.service.ts', '../customers/dedupe.ts'],
      ['server/src/modules/orders/orders.routes.ts', '../customers/customers.routes.ts'],
      ['server/src/modules/orders/orders.service.ts', '../customers/scoring/index.ts'],
      ['server/src/modules/orders/orders.service.ts', '../../modules/customers/customers.service.ts'],
      ['server/src/modules/orders/pricing/discount.service.ts', '../../customers/customers.service.ts'],
    ];
    for (const [file, source] of cases) {
      const errors = await boundaryErrors(file, `import { x } from '${source}';\nexport const y = x;`);
      expect(errors, `${file} → ${source}`).toHaveLength(1);
      expect(errors[0]).toMatch(/Another module's internals/);
    }
  });

  it("allows another module's index.ts and *.table.ts", async () => {
    const code = [
      "import { findCustomer } from '../customers/index.ts';",
      "import { customers } from '../customers/customers.table.ts';",
      "import { users } from '../../modules/users/users.table.ts';",
      "import { withTenant } from '../../db/tenant.ts';",
      'export const x = [findCustomer, customers, users, withTenant];',
    ].join('\n');
    expect(await boundaryErrors('server/src/modules/orders/orders.repository.ts', code)).toEqual([]);
    const nested =
      "import { customers } from '../../customers/customers.table.ts';\nexport const x = customers;";
    expect(await boundaryErrors('server/src/modules/orders/pricing/price.repository.ts', nested)).toEqual([]);
  });
});
