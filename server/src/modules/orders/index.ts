export { createOrderInTx, type OrderCreateInput, type OrderLineInput } from './order-create.service.ts';
