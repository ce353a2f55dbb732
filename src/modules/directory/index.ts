import type { FastifyInstance } from 'fastify';
import { libraryApiRoutes } from './library-api.routes.js';

export { PostcodeError, findLibraries, type FoundLibrary, type LibrarySearch, type LibrarySearchResult } from './finder.service.js';
export { distanceKm, parsePostcode, type LatLng, type ParsedPostcode } from './geo.js';
export { exportLibrariesCsv } from './library-export.service.js';
export { LibraryFileError, importLibraries, type LibraryImportSummary } from './library-import.service.js';
export { LIBRARY_CSV_COLUMNS } from './library-csv.js';
export { updateLibrary, type LibraryChanges } from './library-update.service.js';
export { getLibrary, listServicesNeedingVerification, listServicesOffered, loadLibraries, locatePostcode, type Library, type LibrarySite } from './library.service.js';
export { canEditLibrary } from './policies.js';
export { POSTCODE_FILE_FORMATS, PostcodeFileError, importPostcodes, type PostcodeFileFormat, type PostcodeImportSummary, type RejectedRow } from './postcode-import.service.js';

/** The library directory: library services, their sites and postcode geography; the JSON API for now (pages come later). */
export default async function directoryModule(app: FastifyInstance): Promise<void> {
  await app.register(libraryApiRoutes);
}
