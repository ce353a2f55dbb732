/**
 * Facet counts from the facet columns: the same numbers as the SQL counts (facet-counts.ts), for a
 * result set given as its record ids. Each record is tested once against every chosen kind; a kind is
 * counted over the records that pass every other kind's choices, the total over those that pass all.
 */
import { type CountRow, type FacetCounts, TOP_VALUES, assembleCounts } from './facet-count-rows.js';
import { type FacetColumns, VALUE_KINDS, type ValueColumn, type ValueKind } from './facet-columns.js';
import { FACET_KINDS, type FacetKind, type FacetSelection, bucketYears, parseYearBucket } from './facet-selection.js';

const bit = (kind: FacetKind) => 1 << FACET_KINDS.indexOf(kind);

/** Per-column scratch counters, reused: counting runs without awaiting, so calls never overlap. */
interface Scratch {
  readonly counts: Int32Array;
  readonly samples: Int32Array;
}
const scratchOf = new WeakMap<ValueColumn, Scratch>();

function scratch(column: ValueColumn): Scratch {
  let found = scratchOf.get(column);
  if (!found) {
    found = { counts: new Int32Array(column.keys.length), samples: new Int32Array(column.keys.length) };
    scratchOf.set(column, found);
  }
  return found;
}

type RecordTest = (id: number) => boolean;

function yearRanges(values: readonly string[], currentYear: number): { from: number; to: number }[] {
  return values.flatMap((value) => {
    const bucket = parseYearBucket(value);
    if (!bucket) return [];
    const { from, to } = bucketYears(bucket, currentYear);
    return [{ from: from * 10_000 + 101, to: to * 10_000 + 1231 }];
  });
}

function inRanges(pubStart: number, ranges: readonly { from: number; to: number }[]): boolean {
  if (pubStart === 0) return false;
  for (const range of ranges) if (pubStart >= range.from && pubStart <= range.to) return true;
  return false;
}

function hasOneOf(column: ValueColumn, chosen: readonly string[]): RecordTest {
  const wanted = new Set<number>();
  chosen.forEach((key) => {
    const index = column.keys.indexOf(key);
    if (index >= 0) wanted.add(index);
  });
  return (id) => {
    for (let at = column.offsets[id]!; at < column.offsets[id + 1]!; at++) if (wanted.has(column.values[at]!)) return true;
    return false;
  };
}

/** The test each chosen kind puts a record to. */
function recordTests(columns: FacetColumns, selection: FacetSelection, currentYear: number): [number, RecordTest][] {
  return FACET_KINDS.filter((kind) => selection[kind].length > 0).map((kind): [number, RecordTest] => {
    if (kind === 'year') {
      const ranges = yearRanges(selection.year, currentYear);
      return [bit(kind), (id) => inRanges(columns.pubStart[id]!, ranges)];
    }
    return [bit(kind), hasOneOf(columns.kinds[kind], selection[kind])];
  });
}

/** The `limit` most frequent values (ties to the lower key), by insertion: broad searches touch 100,000s of journals. */
function mostFrequent(column: ValueColumn, counts: Int32Array, touched: readonly number[], limit: number): number[] {
  const before = (a: number, b: number) => counts[a]! > counts[b]! || (counts[a] === counts[b] && column.keys[a]! < column.keys[b]!);
  const kept: number[] = [];
  for (const index of touched) {
    if (kept.length === limit && !before(index, kept[limit - 1]!)) continue;
    let at = kept.length;
    while (at > 0 && before(index, kept[at - 1]!)) at--;
    kept.splice(at, 0, index);
    if (kept.length > limit) kept.pop();
  }
  return kept;
}

/** One value kind's rows: the most frequent values, and the chosen ones whatever their rank. */
function valueRows(kind: ValueKind, column: ValueColumn, touched: readonly number[], chosen: readonly string[]): CountRow[] {
  const { counts, samples } = scratch(column);
  let listed: number[];
  if (kind === 'language') {
    // Languages are all listed (a dozen at most).
    listed = [...touched];
  } else {
    listed = mostFrequent(column, counts, touched, TOP_VALUES);
    const wanted = new Set(chosen);
    for (const index of listed) wanted.delete(column.keys[index]!);
    if (wanted.size > 0) listed.push(...touched.filter((index) => wanted.has(column.keys[index]!)));
  }
  const rows = listed.map((index) => ({ facet: kind, facet_key: column.keys[index]!, n: counts[index]!, sample: samples[index]! }));
  for (const index of touched) counts[index] = 0;
  return rows;
}

/**
 * Counts every facet kind over `ids` (the matching records, ascending, so a value's sample is its
 * lowest id as in SQL) with `selection` applied as facet-counts.ts applies it.
 *
 * ### Examples
 * countFromColumns(columns, [3, 8, 21], { ...NO_FACETS, language: ['english'] }, 2026)
 * // { total: 2, counts: { year: [{ key: 'last5', count: 1, sampleRecordId: 8 }, …], language: [{ key: 'english', count: 2, … }, …], … } }
 */
export function countFromColumns(columns: FacetColumns, ids: ArrayLike<number>, selection: FacetSelection, currentYear: number): FacetCounts {
  const tests = recordTests(columns, selection, currentYear);
  const testBits = tests.map(([kindBit]) => kindBit);
  const testFns = tests.map(([, test]) => test);
  const recent = [5, 10].map((years) => ({ key: `last${years}`, ...yearRanges([`last${years}`], currentYear)[0]!, n: 0, sample: 0 }));
  const decades = new Map<number, { n: number; sample: number }>();
  const touched = Object.fromEntries(VALUE_KINDS.map((kind) => [kind, [] as number[]])) as Record<ValueKind, number[]>;
  const yearBit = bit('year');
  const counters = VALUE_KINDS.map((kind) => ({ kindBit: bit(kind), column: columns.kinds[kind], touched: touched[kind], ...scratch(columns.kinds[kind]) }));
  const pubStarts = columns.pubStart;
  let total = 0;
  // Indexed loops and no per-record allocation: a broad search passes 200,000 ids through here.
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id >= columns.size) continue;
    let failed = 0;
    for (let t = 0; t < testFns.length; t++) if (!testFns[t]!(id)) failed |= testBits[t]!;
    if (failed === 0) total++;
    if ((failed & ~yearBit) === 0) {
      const pubStart = pubStarts[id]!;
      if (pubStart !== 0) {
        for (let b = 0; b < recent.length; b++) {
          const bucket = recent[b]!;
          if (pubStart >= bucket.from && pubStart <= bucket.to && bucket.n++ === 0) bucket.sample = id;
        }
        const decade = Math.floor(pubStart / 100_000);
        const entry = decades.get(decade);
        if (entry) entry.n++;
        else decades.set(decade, { n: 1, sample: id });
      }
    }
    for (let c = 0; c < counters.length; c++) {
      const counter = counters[c]!;
      if ((failed & ~counter.kindBit) !== 0) continue;
      const { offsets, values } = counter.column;
      const { counts, samples } = counter;
      for (let at = offsets[id]!, end = offsets[id + 1]!; at < end; at++) {
        const index = values[at]!;
        const before = counts[index]!;
        counts[index] = before + 1;
        if (before === 0) {
          samples[index] = id;
          counter.touched.push(index);
        }
      }
    }
  }
  const rows: CountRow[] = [
    { facet: 'total', facet_key: '', n: total, sample: null },
    ...recent.map((bucket) => ({ facet: 'year', facet_key: bucket.key, n: bucket.n, sample: bucket.sample })),
    ...[...decades].map(([decade, entry]) => ({ facet: 'year', facet_key: `${decade * 10}s`, n: entry.n, sample: entry.sample })),
    ...VALUE_KINDS.flatMap((kind) => valueRows(kind, columns.kinds[kind], touched[kind], selection[kind])),
  ];
  return assembleCounts(rows);
}
