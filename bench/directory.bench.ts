/**
 * Nearest-library benchmark: 10,000 synthetic sites spread over the real postcode-district centroids,
 * then a few hundred "nearest 10 to this district" searches, with a plain `select … limit 10` as the
 * baseline in the same run. SQLite always; PostgreSQL too when KHUB_BENCH_DATABASE_URL is set.
 *   npm run bench:directory
 */
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { findLibraries, importPostcodes } from '../src/modules/directory/index.js';
import { createDb } from '../src/platform/db/create-db.js';
import type { Database } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { sharedDataPath } from '../test/helpers/shared-data.js';

const SITES = 10_000;
const QUERIES = 300;

// A small deterministic generator, so every run (and both engines) gets the same sites and queries.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);

function stats(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return `p50 ${at(0.5).toFixed(2)} ms  p95 ${at(0.95).toFixed(2)} ms  max ${at(1).toFixed(2)} ms`;
}

async function run(label: string, db: Kysely<Database>, schema?: string): Promise<string[][]> {
  await migrateToLatest(db, schema ? { schema } : {});
  await importPostcodes(db, sharedDataPath('uk-postcode-outcodes', 'postcode-outcodes.csv'));
  const districts = await db.selectFrom('postcode_district').selectAll().where('latitude', '>', 49).execute();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < SITES; i += 500) {
      const services = await trx.insertInto('library_service').values(Array.from({ length: Math.min(500, SITES - i) }, (_, j) => ({ service_key: `s${i + j}`, name: `Library ${i + j}`, created_at: now, updated_at: now }))).returning('id').execute();
      await trx.insertInto('library_site').values(services.map(({ id }) => {
        const d = districts[Math.floor(random() * districts.length)];
        // Within about 3 km of the district's centre.
        return { service_id: id, site_key: 'main', name: 'Main', latitude: (d?.latitude ?? 52) + (random() - 0.5) * 0.05, longitude: (d?.longitude ?? -1) + (random() - 0.5) * 0.08, location_precision: 'given' as const, created_at: now, updated_at: now };
      })).execute();
    }
  });
  const origins = Array.from({ length: QUERIES }, () => districts[Math.floor(random() * districts.length)]?.outcode ?? 'OX3');
  const nearest: number[] = [];
  const baseline: number[] = [];
  const orders: string[][] = [];
  for (const near of origins) {
    let start = performance.now();
    const result = await findLibraries(db, { near, limit: 10, offset: 0 });
    nearest.push(performance.now() - start);
    orders.push(result.items.map((item) => item.library.key));
    start = performance.now();
    await db.selectFrom('library_site').select(['id', 'service_id', 'latitude', 'longitude']).limit(10).execute();
    baseline.push(performance.now() - start);
  }
  process.stdout.write(`${label.padEnd(10)} nearest 10 of ${SITES} sites: ${stats(nearest)}\n`);
  process.stdout.write(`${label.padEnd(10)} baseline select … limit 10: ${stats(baseline)}\n`);
  return orders;
}

const sqlite = createDb(':memory:');
const sqliteOrders = await run('sqlite', sqlite);
await sqlite.destroy();

const url = process.env.KHUB_BENCH_DATABASE_URL;
if (url) {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  await sql`create schema ${sql.id(schema)}`.execute(admin);
  try {
    seed = 42;
    const db = createDb(url, { searchPath: schema, poolSize: 4 });
    const pgOrders = await run('postgres', db, schema);
    await db.destroy();
    const same = pgOrders.every((order, i) => order.join() === sqliteOrders[i]?.join());
    process.stdout.write(`same order on both engines: ${same ? 'yes' : 'NO'}\n`);
    if (!same) process.exitCode = 1;
  } finally {
    await sql`drop schema ${sql.id(schema)} cascade`.execute(admin);
    await admin.destroy();
  }
}
