import { sql, type Kysely } from 'kysely';
import { columnTypes, withId } from '../columns.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  const { timestamp } = columnTypes(db);
  await withId(db.schema.createTable('job'), db)
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('payload', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (col) => col.notNull())
    .addColumn('run_at', timestamp, (col) => col.notNull())
    .addColumn('locked_until', timestamp)
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .addCheckConstraint('job_status_check', sql`status in ('pending', 'running', 'done', 'failed')`)
    .execute();
  await db.schema.createIndex('job_claim_idx').on('job').columns(['status', 'run_at']).execute();

  await db.schema
    .createTable('job_schedule')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('job_name', 'text', (col) => col.notNull())
    .addColumn('payload', 'text', (col) => col.notNull())
    .addColumn('interval_seconds', 'integer', (col) => col.notNull())
    .addColumn('next_run_at', timestamp, (col) => col.notNull())
    .addColumn('last_enqueued_at', timestamp)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_schedule').execute();
  await db.schema.dropTable('job').execute();
}
