import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/database.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function findServiceOfferedRow(db: Db, code: string) {
  return db.selectFrom('service_offered').selectAll().where('code', '=', code).executeTakeFirst();
}

/** How many entries offer each service. */
export async function countOfferingsByCode(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('library_service_offering')
    .select((eb) => ['offering_code', eb.fn.countAll<number | string>().as('count')])
    .groupBy('offering_code')
    .execute();
  return new Map(rows.map((r) => [r.offering_code, Number(r.count)]));
}

export async function insertServiceOfferedRow(db: Db, code: string, label: string): Promise<void> {
  const { last } = await db.selectFrom('service_offered').select((eb) => eb.fn.max<number | null>('sort_order').as('last')).executeTakeFirstOrThrow();
  await db.insertInto('service_offered').values({ code, label, sort_order: Number(last ?? 0) + 1 }).execute();
}

export async function updateServiceOfferedRow(db: Db, code: string, update: { label?: string; retired_at?: string | null }): Promise<void> {
  await db.updateTable('service_offered').set(update).where('code', '=', code).execute();
}
