export { OrdersListPage } from './OrdersListPage';
export { OrderDetailPage } from './OrderDetailPage';
export { OrderNewPage } from './OrderNewPage';
export { OrderQueuePage } from './OrderQueuePage';
