import { sql, type Kysely } from 'kysely';
import { columnTypes, withId } from '../columns.js';

/**
 * The controlled list of what a library service offers. Codes are stable (imports, the API and filters
 * use them); labels are what people read. Platform admins will manage the list; these are the start.
 */
export const SERVICES_OFFERED = [
  ['literature_searching', 'Literature searching'],
  ['clinical_librarian', 'Clinical or outreach librarian'],
  ['document_supply', 'Document supply (articles and books from other libraries)'],
  ['training', 'Training in finding and appraising evidence'],
  ['current_awareness', 'Current awareness bulletins'],
  ['study_space', 'Study space'],
  ['pcs_wifi', 'PCs and wifi'],
  ['patient_information', 'Patient and public information'],
  ['book_loans', 'Book loans'],
  ['e_resources_support', 'Help with e-resources and OpenAthens'],
  ['knowledge_management', 'Knowledge management'],
  ['printing_scanning', 'Printing and scanning'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  const { timestamp, float, ref } = columnTypes(db);

  // Postcode geography: full postcodes (from the ONS Postcode Directory) and district centroids.
  await db.schema
    .createTable('postcode_location')
    .addColumn('postcode', 'text', (col) => col.primaryKey())
    .addColumn('latitude', float, (col) => col.notNull())
    .addColumn('longitude', float, (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('postcode_district')
    .addColumn('outcode', 'text', (col) => col.primaryKey())
    .addColumn('latitude', float, (col) => col.notNull())
    .addColumn('longitude', float, (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('service_offered')
    .addColumn('code', 'text', (col) => col.primaryKey())
    .addColumn('label', 'text', (col) => col.notNull())
    .addColumn('sort_order', 'integer', (col) => col.notNull())
    .execute();
  await db
    .insertInto('service_offered' as never)
    .values(SERVICES_OFFERED.map(([code, label], index) => ({ code, label, sort_order: index + 1 })) as never)
    .execute();

  await withId(db.schema.createTable('library_service'), db)
    .addColumn('service_key', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('who_may_use', 'text')
    .addColumn('collections', 'text')
    .addColumn('specialisms', 'text')
    .addColumn('interlending_network', 'text')
    .addColumn('website', 'text')
    .addColumn('last_verified_on', 'text')
    .addColumn('last_verified_by', 'text')
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .execute();
  await db.schema.createIndex('library_service_name_idx').on('library_service').column('name').execute();

  await db.schema
    .createTable('library_service_organisation')
    .addColumn('service_id', ref, (col) => col.notNull().references('library_service.id').onDelete('cascade'))
    .addColumn('organisation_id', ref, (col) => col.notNull().references('organisation.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('library_service_organisation_pk', ['service_id', 'organisation_id'])
    .execute();
  await db.schema.createIndex('library_service_organisation_org_idx').on('library_service_organisation').column('organisation_id').execute();

  await db.schema
    .createTable('library_service_offering')
    .addColumn('service_id', ref, (col) => col.notNull().references('library_service.id').onDelete('cascade'))
    .addColumn('offering_code', 'text', (col) => col.notNull().references('service_offered.code'))
    .addPrimaryKeyConstraint('library_service_offering_pk', ['service_id', 'offering_code'])
    .execute();
  await db.schema.createIndex('library_service_offering_code_idx').on('library_service_offering').column('offering_code').execute();

  await withId(db.schema.createTable('library_contact'), db)
    .addColumn('service_id', ref, (col) => col.notNull().references('library_service.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .execute();
  await db.schema.createIndex('library_contact_service_idx').on('library_contact').column('service_id').execute();

  await withId(db.schema.createTable('library_site'), db)
    .addColumn('service_id', ref, (col) => col.notNull().references('library_service.id').onDelete('cascade'))
    .addColumn('site_key', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('address', 'text')
    .addColumn('postcode', 'text')
    .addColumn('latitude', float)
    .addColumn('longitude', float)
    // 'postcode' (full postcode), 'district' (its outcode's centroid) or 'given' (coordinates supplied).
    .addColumn('location_precision', 'text')
    .addColumn('county_id', ref, (col) => col.references('county.id'))
    .addColumn('region_code', 'text', (col) => col.references('region.code'))
    .addColumn('staffed_hours', 'text')
    .addColumn('access_24_7', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('bank_holiday_notes', 'text')
    .addColumn('created_at', timestamp, (col) => col.notNull())
    .addColumn('updated_at', timestamp, (col) => col.notNull())
    .addUniqueConstraint('library_site_key_unique', ['service_id', 'site_key'])
    .addCheckConstraint('library_site_precision_check', sql`location_precision in ('postcode', 'district', 'given')`)
    .addCheckConstraint('library_site_24_7_check', sql`access_24_7 in (0, 1)`)
    .execute();
  // The nearest-library search narrows to a bounding box on these before computing exact distances.
  await db.schema.createIndex('library_site_location_idx').on('library_site').columns(['latitude', 'longitude']).execute();
  await db.schema.createIndex('library_site_county_idx').on('library_site').column('county_id').execute();
  await db.schema.createIndex('library_site_region_idx').on('library_site').column('region_code').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['library_site', 'library_contact', 'library_service_offering', 'library_service_organisation', 'library_service', 'service_offered', 'postcode_district', 'postcode_location']) {
    await db.schema.dropTable(table).execute();
  }
}
