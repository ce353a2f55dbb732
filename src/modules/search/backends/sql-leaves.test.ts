import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { eachDialect } from '../../../../test/helpers/databases.js';
import { leafSql } from './sql-leaves.js';

const heading = { kind: 'heading' as const, uis: ['D003920', 'D003924'], names: ['diabetes mellitus', 'diabetes mellitus type 2'], major: false, qualifiers: [] };

eachDialect('heading leaves', (getDb, dialect) => {
  it('finds records by UI, and records without UIs by name, through the indexes', async () => {
    const db = getDb();
    await sql`insert into search_heading (record_id, descriptor_ui, name_key, major, qualifier, qualifier_major) values
      (1, 'D003924', 'diabetes mellitus type 2', 0, '', 0), (2, null, 'diabetes mellitus', 0, '', 0),
      (3, 'D999999', 'diabetes mellitus', 0, '', 0), (4, null, 'obesity', 0, '', 0), (5, 'D003920', 'diabetes mellitus', 0, 'drug therapy', 0)`.execute(db);
    const { rows } = await sql<{ id: number | string }>`select id from (${leafSql(dialect, heading)}) as found order by id`.execute(db);
    assert.deepEqual(rows.map((r) => Number(r.id)), [1, 2], 'a record with another UI is not matched by name; a qualifier row is not the heading alone');
    if (dialect !== 'sqlite') return;
    // With `ui in (…) or (ui is null and name in (…))` SQLite scanned every heading row of the qualifier.
    const plan = await sql<{ detail: string }>`explain query plan ${leafSql(dialect, heading)}`.execute(db);
    const onHeadings = plan.rows.map((r) => r.detail).filter((detail) => detail.includes('search_heading'));
    assert.ok(onHeadings.length >= 2 && onHeadings.every((detail) => /^SEARCH search_heading USING INDEX search_heading_(ui|name)_idx/.test(detail)), onHeadings.join('\n'));
  });
});
