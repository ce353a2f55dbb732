/**
 * Line-by-line reading for the text formats (MEDLINE tagged, RIS, JSONL): lines with their 1-based
 * numbers, a chunk of the input at a time, so a file of any size is never held whole and every problem
 * can name its line.
 */
import { StringDecoder } from 'node:string_decoder';
import { ImportFileError } from './parsed-item.js';

/** One line of a text file, without its line ending. */
export interface Line {
  readonly text: string;
  /** 1-based line number in the (decompressed) file. */
  readonly number: number;
}

const LINE_END = /\r\n|\n|\r/;

/** Splits decoded text into whole lines and the unfinished rest (a trailing CR may be half of a CRLF). */
function splitLines(text: string): { lines: string[]; rest: string } {
  const heldCr = text.endsWith('\r');
  const parts = (heldCr ? text.slice(0, -1) : text).split(LINE_END);
  const last = parts.pop() ?? '';
  return { lines: parts, rest: heldCr ? `${last}\r` : last };
}

/**
 * The input's lines (LF, CRLF or lone CR endings) in batches, one batch per chunk the stream gives, with
 * a leading byte-order mark removed. Parsers loop over each batch without waiting, which keeps reading
 * fast; a chunk is at most the stream's buffer size, so memory stays flat. A stream that breaks while
 * being read (a truncated gzip, a disk error) ends the iteration with an `ImportFileError` naming the
 * file and the last line read whole.
 *
 * ### Examples
 * for await (const lines of readLines(stream, 'export.ris')) for (const line of lines) …
 *   // line → { text: 'TY  - JOUR', number: 1 }
 */
export async function* readLines(input: NodeJS.ReadableStream, file: string): AsyncGenerator<Line[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let number = 0;
  const numbered = (texts: string[]): Line[] =>
    texts.map((text) => {
      number += 1;
      return { text: number === 1 ? text.replace(/^\uFEFF/, '') : text, number };
    });
  try {
    for await (const chunk of input) {
      const split = splitLines(rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk)));
      rest = split.rest;
      if (split.lines.length > 0) yield numbered(split.lines);
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportFileError(file, `${file}: reading stopped after line ${number}: ${reason}`);
  }
  const last = (rest + decoder.end()).replace(/\r$/, '');
  if (last !== '') yield numbered([last]);
}
