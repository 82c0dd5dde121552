export { SavedViewsBar } from './SavedViewsBar';
export type { SavedView, SavedViewConfig } from './saved-views.api';
