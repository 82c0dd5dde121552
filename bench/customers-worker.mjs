// Worker entry for bench/customers.ts: worker threads do not inherit tsx, so register it here.
import { register } from 'tsx/esm/api';

register();
await import('./customers-load.ts');
