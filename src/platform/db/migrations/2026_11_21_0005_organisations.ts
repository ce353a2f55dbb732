import { sql, type Kysely } from 'kysely';
import { columnTypes, withId } from '../columns.js';

/** NHS England's seven regions (since April 2020), with their ODS national grouping codes. */
const REGIONS = [
  ['Y56', 'London'],
  ['Y58', 'South West'],
  ['Y59', 'South East'],
  ['Y60', 'Midlands'],
  ['Y61', 'East of England'],
  ['Y62', 'North West'],
  ['Y63', 'North East and Yorkshire'],
] as const;

/** Personal and national mailbox domains: shared by many organisations, so they never prove membership of one. */
const SHARED_DOMAINS = [
  ['nhs.net', 'NHSmail: used by staff of every NHS organisation'],
  ['nhs.uk', 'national domain; organisations use their own subdomains'],
  ['gmail.com', 'personal mail'],
  ['googlemail.com', 'personal mail'],
  ['outlook.com', 'personal mail'],
  ['hotmail.com', 'personal mail'],
  ['hotmail.co.uk', 'personal mail'],
  ['live.co.uk', 'personal mail'],
  ['yahoo.com', 'personal mail'],
  ['yahoo.co.uk', 'personal mail'],
  ['icloud.com', 'personal mail'],
  ['btinternet.com', 'personal mail'],
] as const;

export const ORGANISATION_TYPES = [
  'nhs_trust',
  'integrated_care_board',
  'gp_practice',
  'hospice',
  'university',
  'local_authority',
  'social_care_provider',
  'other',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  const { timestamp, float, ref } = columnTypes(db);
  await db.schema
    .createTable('region')
    .addColumn('code', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .execute();
  await db.insertInto('region' as never).values(REGIONS.map(([code, name]) => ({ code, name })) as never).execute();

  await withId(db.schema.createTable('county'), db)
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('region_code', 'text', (col) => col.notNull().references('region.code'))
    .execute();

  const types = ORGANISATION_TYPES.map((t) => `'${t}'`).join(', ');
  await withId(db.schema.createTable('organisation'), db)
    .addColumn('ods_code', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('parent_id', ref, (col) => col.references('organisation.id').onDelete('set null'))
    .addColumn('region_code', 'text', (col) => col.references('region.code'))
    .addColumn('county_id', ref, (col) => col.references('county.id'))
    .addColumn('address', 'text')
    .addColumn('postcode', 'text')
    .addColumn('opened_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('account_expiry_months', 'integer', (col) => col.notNull().defaultTo(24))
    .addColumn('staff_wte', float)
    .addColumn('staff_wte_period', 'text')
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .addCheckConstraint('organisation_type_check', sql.raw(`type in (${types})`))
    .addCheckConstraint('organisation_expiry_check', sql`account_expiry_months between 1 and 60`)
    .execute();
  await db.schema.createIndex('organisation_name_idx').on('organisation').column('name').execute();
  await db.schema.createIndex('organisation_region_idx').on('organisation').column('region_code').execute();

  await db.schema
    .createTable('organisation_domain')
    .addColumn('domain', 'text', (col) => col.primaryKey())
    .addColumn('organisation_id', ref, (col) => col.notNull().references('organisation.id').onDelete('cascade'))
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('organisation_domain_org_idx').on('organisation_domain').column('organisation_id').execute();

  await db.schema
    .createTable('shared_email_domain')
    .addColumn('domain', 'text', (col) => col.primaryKey())
    .addColumn('note', 'text', (col) => col.notNull())
    .execute();
  await db.insertInto('shared_email_domain' as never).values(SHARED_DOMAINS.map(([domain, note]) => ({ domain, note })) as never).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['shared_email_domain', 'organisation_domain', 'organisation', 'county', 'region']) {
    await db.schema.dropTable(table).execute();
  }
}
