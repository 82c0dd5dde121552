export { InteractionsPage } from './InteractionsPage';
export { InteractionModal } from './InteractionModal';
export { CustomerTimeline } from './CustomerTimeline';
export { ActivityPanel } from './ActivityPanel';
