export { productsRoutes } from './products.routes.ts';
export { findProductsForLines } from './product-lines.repository.ts';
export { priceFor, resolvePricesInTx, type PriceAskInput } from './price-lists.service.ts';
export { openProductExport } from './product-export.service.ts';
export { productsImport } from './product-import.service.ts';
export { ProductListQuery } from './products.schema.ts';
export type { PriceSource, ResolvedPrice } from './price-rules.ts';
