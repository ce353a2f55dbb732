/**
 * A record of a tagged text format (MEDLINE, RIS) as its lines gave it: each field's tag and value in
 * file order, before any meaning is given to them.
 */

/** One tagged field; a value that ran on over continuation lines is already joined with single spaces. */
export interface TaggedField {
  readonly tag: string;
  readonly value: string;
}

/** The fields of one record and the line it starts on. */
export interface TaggedRecord {
  /** 1-based line of the record's first line (PMID- or TY  -). */
  readonly line: number;
  readonly fields: readonly TaggedField[];
}

/** Collects one record's fields while its lines are read; continuation lines extend the last field. */
export class TaggedRecordBuilder {
  private readonly fields: { tag: string; parts: string[] }[] = [];

  constructor(readonly line: number) {}

  /** Starts a new field. */
  add(tag: string, value: string): void {
    this.fields.push({ tag, parts: [value.trim()] });
  }

  /** Adds a continuation line to the last field; false when there is no field to continue. */
  extend(text: string): boolean {
    const last = this.fields[this.fields.length - 1];
    if (!last) return false;
    last.parts.push(text.trim());
    return true;
  }

  /** The tag of the field last started, if any. */
  lastTag(): string | undefined {
    return this.fields[this.fields.length - 1]?.tag;
  }

  get isEmpty(): boolean {
    return this.fields.length === 0;
  }

  build(): TaggedRecord {
    return { line: this.line, fields: this.fields.map(({ tag, parts }) => ({ tag, value: parts.filter(Boolean).join(' ') })) };
  }
}

/** Every non-empty value of these tags, in file order. */
export function valuesOf(record: TaggedRecord, ...tags: string[]): string[] {
  return record.fields.filter((field) => tags.includes(field.tag) && field.value !== '').map((field) => field.value);
}

/** The first non-empty value of the first of these tags that has one (tags in order of preference). */
export function firstOf(record: TaggedRecord, ...tags: string[]): string | null {
  for (const tag of tags) {
    const field = record.fields.find((candidate) => candidate.tag === tag && candidate.value !== '');
    if (field) return field.value;
  }
  return null;
}
