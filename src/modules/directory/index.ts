import type { FastifyInstance } from 'fastify';
import { libraryAdminRoutes } from './library-admin.routes.js';
import { libraryApiRoutes } from './library-api.routes.js';
import { libraryCorrectionRoutes } from './library-correction.routes.js';
import { libraryCorrectionListRoutes } from './library-corrections.routes.js';
import { libraryEditRoutes } from './library-edit.routes.js';
import { libraryOrganisationRoutes } from './library-organisations.routes.js';
import { libraryPageRoutes } from './library-pages.routes.js';
import { librarySiteRoutes } from './library-sites.routes.js';
import { registerVerificationReminders } from './verification-reminder.jobs.js';

export { PostcodeError, findLibraries, type FoundLibrary, type LibrarySearch, type LibrarySearchResult } from './finder.service.js';
export { distanceKm, parsePostcode, type LatLng, type ParsedPostcode } from './geo.js';
export { exportLibrariesCsv } from './library-export.service.js';
export { LibraryFileError, importLibraries, type LibraryImportSummary } from './library-import.service.js';
export { LIBRARY_CSV_COLUMNS } from './library-csv.js';
export { updateLibrary, type LibraryChanges } from './library-update.service.js';
export { getLibrary, listLibrariesServing, listServicesNeedingVerification, listServicesOffered, loadLibraries, locatePostcode, type Library, type LibrarySite } from './library.service.js';
export { updateLibrarySite, type SiteChanges } from './library-site-update.service.js';
export type { OpeningSpan } from './opening-hours.js';
export { canEditLibrary, canManageDirectory } from './policies.js';
export { POSTCODE_FILE_FORMATS, PostcodeFileError, importPostcodes, type PostcodeFileFormat, type PostcodeImportSummary, type RejectedRow } from './postcode-import.service.js';

/** The library directory: finding a library, each service's page, keeping entries current, and the JSON API. */
export default async function directoryModule(app: FastifyInstance): Promise<void> {
  await app.register(libraryPageRoutes);
  await app.register(libraryEditRoutes);
  await app.register(librarySiteRoutes);
  await app.register(libraryOrganisationRoutes);
  await app.register(libraryCorrectionRoutes);
  await app.register(libraryCorrectionListRoutes);
  await app.register(libraryAdminRoutes);
  await app.register(libraryApiRoutes);
  registerVerificationReminders(app);
  app.addNavigation({ href: '/libraries', text: 'Find a library' });
  app.addStartPoint({ href: '/libraries', title: 'Find a library', description: 'Find the NHS knowledge and library service near you or serving your organisation: opening hours, contacts and what it offers.' });
}
