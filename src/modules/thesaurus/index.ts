import type { FastifyInstance } from 'fastify';

export { normaliseTerm } from './term-normalise.js';
export { MeshFileError, type MeshProblem } from './mesh-item.js';
export { importMesh, type MeshImportOptions, type MeshImportProgress, type MeshImportSummary } from './mesh-import.service.js';
export type { LookupOptions } from './mesh-read.js';
export {
  findDescriptor,
  findDescriptorByTerm,
  findDescriptorsByTerm,
  getDescriptor,
  listVocabularies,
  type Descriptor,
  type DescriptorRef,
  type TermMatch,
  type Vocabulary,
} from './mesh-lookup.service.js';
export { children, descendants, parents, treePositions, type RelatedDescriptor, type TreeNode, type TreePosition } from './mesh-tree.service.js';
export { suggest, type Suggestion, type SuggestionMatch } from './mesh-suggest.service.js';

/** MeSH: descriptors, entry terms and tree numbers, loaded by `khub import mesh`; look-ups for search and pages. */
export default async function thesaurusModule(_app: FastifyInstance): Promise<void> {}
