export { createOrderInTx, type OrderCreateInput, type OrderLineInput } from './order-create.service.ts';
export { ordersRoutes } from './orders.routes.ts';
export { ordersVisibleTo } from './orders.repository.ts';
export { releaseOrderHold } from './order-transition.service.ts';
export { openOrderExport } from './order-export.service.ts';
export { OrderListQuery, ORDER_LIST_SHAPE } from './orders.schema.ts';
export { checkTransition, nextSteps, STEPS } from './order-flow.ts';
export { orderTotals } from './order-totals.ts';
