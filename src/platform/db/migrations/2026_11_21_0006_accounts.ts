import { sql, type Kysely } from 'kysely';
import { columnTypes, withId } from '../columns.js';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export const ACCOUNT_STATUSES = ['unverified', 'pending', 'active', 'suspended', 'rejected', 'closed'] as const;
export const ROLES = ['librarian', 'service_manager', 'org_admin', 'regional_lead', 'platform_admin'] as const;
export const SCOPE_TYPES = ['service', 'organisation', 'region', 'platform'] as const;
export const JOIN_REQUEST_STATUSES = ['open', 'queried', 'approved', 'rejected', 'withdrawn'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  const { timestamp, ref } = columnTypes(db);

  await withId(db.schema.createTable('user_account'), db)
    .addColumn('email', 'text', (col) => col.notNull().unique())
    .addColumn('full_name', 'text', (col) => col.notNull())
    .addColumn('job_title', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('staff_group', 'text', (col) => col.notNull())
    .addColumn('organisation_id', ref, (col) => col.references('organisation.id'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('email_verified_at', timestamp)
    .addColumn('eligibility_confirmed_at', timestamp)
    .addColumn('expires_at', timestamp)
    .addColumn('expiry_warning_days', 'integer')
    .addColumn('suspended_at', timestamp)
    .addColumn('deletion_due_at', timestamp)
    .addColumn('last_sign_in_at', timestamp)
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .addCheckConstraint('user_account_status_check', sql`status in (${inList(ACCOUNT_STATUSES)})`)
    .execute();
  await db.schema.createIndex('user_account_org_idx').on('user_account').columns(['organisation_id', 'status']).execute();
  await db.schema.createIndex('user_account_expires_idx').on('user_account').column('expires_at').execute();

  await withId(db.schema.createTable('role_assignment'), db)
    .addColumn('user_id', ref, (col) => col.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('scope_type', 'text', (col) => col.notNull())
    // '' for platform-wide roles, so the unique constraint works the same on both engines (NULLs are distinct).
    .addColumn('scope_id', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('granted_by', ref)
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addUniqueConstraint('role_assignment_unique', ['user_id', 'role', 'scope_type', 'scope_id'])
    .addCheckConstraint('role_assignment_role_check', sql`role in (${inList(ROLES)})`)
    .addCheckConstraint('role_assignment_scope_check', sql`scope_type in (${inList(SCOPE_TYPES)})`)
    .execute();
  await db.schema.createIndex('role_assignment_scope_idx').on('role_assignment').columns(['scope_type', 'scope_id']).execute();

  await withId(db.schema.createTable('join_request'), db)
    .addColumn('user_id', ref, (col) => col.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('organisation_id', ref, (col) => col.notNull().references('organisation.id'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('decision_note', 'text')
    .addColumn('decided_by', ref)
    .addColumn('decided_at', timestamp)
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .addCheckConstraint('join_request_status_check', sql`status in (${inList(JOIN_REQUEST_STATUSES)})`)
    .execute();
  await db.schema.createIndex('join_request_queue_idx').on('join_request').columns(['organisation_id', 'status']).execute();
  await db.schema.createIndex('join_request_user_idx').on('join_request').column('user_id').execute();

  await withId(db.schema.createTable('account_token'), db)
    .addColumn('user_id', ref, (col) => col.references('user_account.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('data', 'text')
    .addColumn('expires_at', timestamp, (col) => col.notNull())
    .addColumn('used_at', timestamp)
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('account_token_user_idx').on('account_token').columns(['user_id', 'purpose']).execute();

  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('failures', 'integer', (col) => col.notNull())
    .addColumn('blocked_until', timestamp)
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .execute();

  await withId(db.schema.createTable('api_token'), db)
    .addColumn('user_id', ref, (col) => col.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique())
    .addColumn('token_prefix', 'text', (col) => col.notNull())
    .addColumn('expires_at', timestamp)
    .addColumn('last_used_at', timestamp)
    .addColumn('revoked_at', timestamp)
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['api_token', 'sign_in_throttle', 'account_token', 'join_request', 'role_assignment', 'user_account']) {
    await db.schema.dropTable(table).execute();
  }
}
