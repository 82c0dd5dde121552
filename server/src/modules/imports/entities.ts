import { AppError } from '../../lib/errors.ts';
import { customersImport } from '../customers/index.ts';
import { contactsImport } from '../contacts/index.ts';
import { leadsImport } from '../leads/index.ts';
import { marketStatsImport } from '../market/index.ts';
import { productsImport } from '../products/index.ts';
import { dealerReportsImport } from '../dealer-reports/index.ts';
import type { ImportEntity } from './import-entity.ts';

/**
 * Every importable entity; later issues add leads, products, orders and dealer reports here.
 * A function, not a constant: the entity modules import this module's helpers (a cycle).
 */
export function importEntities(): ImportEntity[] {
  return [
    customersImport as unknown as ImportEntity,
    contactsImport as unknown as ImportEntity,
    leadsImport as unknown as ImportEntity,
    marketStatsImport as unknown as ImportEntity,
    productsImport as unknown as ImportEntity,
    dealerReportsImport as unknown as ImportEntity,
  ];
}

export function importEntity(name: string): ImportEntity {
  const e = importEntities().find((x) => x.entity === name);
  if (!e)
    throw new AppError('VALIDATION_FAILED', {}, [
      { field: 'entity', code: 'enum', params: { allowed: importEntities().map((x) => x.entity) } },
    ]);
  return e;
}
