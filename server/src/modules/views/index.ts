export { checkViewConfig, type ListShape } from './view-config.ts';
