import { type CurrentUser, hasRole, isActiveMember, isPlatformAdmin } from '../../platform/auth/roles.js';

/**
 * Who may change a library service's entry: platform admins, and that service's own service managers
 * and librarians (roles held over scope type `service`, scope id = the service's id). Checked on the
 * server for every change; nothing depends on what a page shows.
 */
export function canEditLibrary(user: CurrentUser | null, serviceId: number): boolean {
  if (!isActiveMember(user)) return false;
  return isPlatformAdmin(user) || hasRole(user, 'service_manager', serviceId) || hasRole(user, 'librarian', serviceId);
}

/** Who looks after the directory as a whole (the controlled list of services, the unverified-entries report): platform admins. */
export function canManageDirectory(user: CurrentUser | null): boolean {
  return isPlatformAdmin(user);
}
