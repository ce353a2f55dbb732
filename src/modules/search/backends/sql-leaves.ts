/**
 * The SQL for leaves that are not full text (headings, values, identifiers, dates), the same on both
 * engines except for how a list travels: one JSON parameter on SQLite, one array parameter on
 * PostgreSQL, so a heading exploded to thousands of descriptors is still one bound parameter.
 * Each fragment selects one column, `id`.
 */
import { type RawBuilder, sql } from 'kysely';
import type { DialectName } from '../../../platform/db/dialect.js';
import type { ResolvedNode } from '../engine/resolved.js';
import { prefixEnd } from '../text/tokenize.js';

type Leaf = Extract<ResolvedNode, { kind: 'heading' | 'headingName' | 'subheading' | 'value' | 'identifier' | 'date' | 'hasAbstract' | 'none' }>;

function inList(dialect: DialectName, column: RawBuilder<unknown>, values: readonly string[]): RawBuilder<unknown> {
  if (dialect === 'postgres') return sql`${column} = any(${[...values]}::text[])`;
  return sql`${column} in (select value from json_each(${JSON.stringify(values)}))`;
}

/** Keys starting with `prefix`, as a byte-order range the (kind, value_key) index can serve. */
const startsWith = (column: RawBuilder<unknown>, prefix: string) => sql`(${column} >= ${prefix} and ${column} < ${prefixEnd(prefix)})`;

function heading(dialect: DialectName, node: Extract<Leaf, { kind: 'heading' }>): RawBuilder<unknown> {
  const qualified =
    node.qualifiers.length > 0 ? inList(dialect, sql.ref('qualifier'), node.qualifiers) : node.major ? sql`1 = 1` : sql`qualifier = ''`;
  const major = node.major ? sql`(major = 1 or qualifier_major = 1)` : sql`1 = 1`;
  // Two look-ups joined by UNION, not one WHERE with OR: with the OR, SQLite scans every heading row
  // of the qualifier instead of using the (descriptor_ui, qualifier) and (name_key, qualifier) indexes.
  const byUi = sql`select record_id as id from search_heading where ${inList(dialect, sql.ref('descriptor_ui'), node.uis)} and ${qualified} and ${major}`;
  const byName = sql`select record_id as id from search_heading where descriptor_ui is null and ${inList(dialect, sql.ref('name_key'), node.names)} and ${qualified} and ${major}`;
  return sql`${byUi} union ${byName}`;
}

/** Author values: the query's tokens start the author's, the last perhaps cut short unless it is the only one. */
function authorKey(key: string, truncated: boolean): RawBuilder<unknown> {
  const column = sql.ref('value_key');
  if (truncated || key.includes(' ')) return startsWith(column, key);
  return sql`(value_key = ${key} or ${startsWith(column, `${key} `)})`;
}

export function leafSql(dialect: DialectName, node: Leaf): RawBuilder<unknown> {
  switch (node.kind) {
    case 'heading':
      return heading(dialect, node);
    case 'headingName':
      return sql`select distinct record_id as id from search_heading where name_key = ${node.name}`;
    case 'subheading': {
      const match = node.truncated ? startsWith(sql.ref('qualifier'), node.qualifier) : sql`qualifier = ${node.qualifier}`;
      return sql`select distinct record_id as id from search_heading where qualifier <> '' and ${match}`;
    }
    case 'value': {
      const match = node.value === 'author' ? authorKey(node.key, node.truncated) : node.truncated ? startsWith(sql.ref('value_key'), node.key) : sql`value_key = ${node.key}`;
      const first = node.firstOnly ? sql`and ordinal = 0` : sql``;
      return sql`select distinct record_id as id from search_value where kind = ${node.value} and ${match} ${first}`;
    }
    case 'identifier':
      return sql`select record_id as id from search_document where ${sql.ref(node.field)} = ${node.value}`;
    case 'date':
      if (node.field === 'entry') return sql`select record_id as id from search_document where added_day >= ${node.from} and added_day <= ${node.to}`;
      return sql`select record_id as id from search_document where pub_start >= ${node.from} and pub_end <= ${node.to}`;
    case 'hasAbstract':
      return sql`select record_id as id from search_document where has_abstract = 1`;
    case 'none':
      return sql`select record_id as id from search_document where 1 = 0`;
  }
}
