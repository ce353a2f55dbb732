/**
 * The small part of citation-js khub calls (the packages ship no types). `@citation-js/plugin-csl`
 * registers the `bibliography` output on the core when imported.
 */
declare module '@citation-js/core' {
  interface BibliographyOptions {
    /** A registered CSL style: `apa`, `vancouver` and `harvard1` ship with plugin-csl. */
    template: string;
    format: 'text' | 'html';
    /** A registered locale; en-US ships with plugin-csl. */
    lang: string;
    /** Keep the items in the order given instead of the style's sort. */
    nosort: boolean;
    /** Return [id, entry] pairs instead of one joined string. */
    asEntryArray: boolean;
  }
  interface OutputRegistry {
    format(name: 'bibliography', data: readonly object[], options: BibliographyOptions & { asEntryArray: true }): Array<[string, string]>;
  }
  const core: { readonly plugins: { readonly output: OutputRegistry } };
  export default core;
}

declare module '@citation-js/plugin-csl';
