/**
 * A minimal element tree for ONE record at a time: the SAX parser builds it while the record's element
 * is open and drops it when it closes, so memory stays flat however large the file.
 */

/** An XML element with its attributes and, in document order, its child elements and text. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: (XmlElement | string)[];
  /** The line its start tag ended on, for positions in problem reports. */
  readonly line: number;
}

/** The first child element with this name. */
export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!element) return undefined;
  for (const node of element.children) if (typeof node !== 'string' && node.name === name) return node;
  return undefined;
}

/** Every child element with this name, in order. */
export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  if (!element) return [];
  return element.children.filter((node): node is XmlElement => typeof node !== 'string' && node.name === name);
}

/** Follows a path of child names (`Journal/JournalIssue/Volume`), taking the first match at each step. */
export function at(element: XmlElement | undefined, path: string): XmlElement | undefined {
  let current = element;
  for (const name of path.split('/')) current = child(current, name);
  return current;
}

function collectText(element: XmlElement, out: string[]): void {
  for (const node of element.children) {
    if (typeof node === 'string') out.push(node);
    else collectText(node, out);
  }
}

function rawText(element: XmlElement): string {
  // Most elements hold one run of text: skip the array and join for them (this runs ~50 times a record).
  const only = element.children.length === 1 ? element.children[0] : undefined;
  if (typeof only === 'string') return only;
  const parts: string[] = [];
  collectText(element, parts);
  return parts.join('');
}

/**
 * The element's text with inline markup (`<i>`, `<sup>`, MathML …) flattened and runs of white space
 * collapsed to one space (XML white space: space, tab, CR, LF); null when there is none.
 */
export function textOf(element: XmlElement | undefined): string | null {
  if (!element) return null;
  const raw = rawText(element);
  // XML white space only: a no-break space (&#xa0;) in a title or abstract is content, not layout.
  const text = /[\t\n\r]| {2}|^ | $/.test(raw) ? raw.replace(/[ \t\n\r]+/g, ' ').replace(/^ | $/g, '') : raw;
  return text === '' ? null : text;
}

/** The text of the element at `path` below `element`. */
export function textAt(element: XmlElement | undefined, path: string): string | null {
  return textOf(at(element, path));
}
