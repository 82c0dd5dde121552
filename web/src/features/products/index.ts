export { ProductsPage } from './ProductsPage';
export { PriceListsPage } from './PriceListsPage';
