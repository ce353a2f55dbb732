import type { Generated, Insertable, Selectable } from 'kysely';
import type { Role, ScopeType } from '../../platform/auth/roles.js';

/** A role a person holds within a scope (a library service, an organisation, a region, or the platform). */
export interface RoleAssignmentTable {
  id: Generated<number>;
  user_id: number;
  role: Role;
  scope_type: ScopeType;
  /** The scope's id as text (service id, organisation id, region code); '' for the platform. */
  scope_id: string;
  granted_by: number | null;
  created_at: string;
}

export type RoleAssignmentRow = Selectable<RoleAssignmentTable>;
export type NewRoleAssignmentRow = Insertable<RoleAssignmentTable>;
