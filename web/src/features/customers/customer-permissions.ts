import { can, type Me } from '../../app/session';

/**
 * Reassigning customers (transfer, another owner, saving a duplicate on purpose) is for those
 * who see beyond their own customers — the server's rule, mirrored to show or hide actions.
 */
export function canManageCustomers(me: Me | undefined): boolean {
  return can(me, 'customers', 'update') && !!me?.role && me.role.dataScope !== 'own';
}
