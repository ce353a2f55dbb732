import type { Migration } from 'kysely';
import * as platformSession from './2026_11_21_0001_platform_session.js';
import * as platformJob from './2026_11_21_0002_platform_job.js';
import * as platformMail from './2026_11_21_0003_platform_mail.js';
import * as feedback from './2026_11_21_0004_feedback.js';
import * as organisations from './2026_11_21_0005_organisations.js';
import * as accounts from './2026_11_21_0006_accounts.js';
import * as platformAudit from './2026_11_21_0007_platform_audit.js';
import * as organisationsCounties from './2026_11_21_0008_organisations_counties.js';
import * as records from './2026_11_21_0009_records.js';
import * as thesaurus from './2026_11_21_0010_thesaurus.js';
import * as recordsDedup from './2026_11_21_0011_records_dedup.js';
import * as recordsContentHash from './2026_11_21_0012_records_content_hash.js';
import * as recordsMatchKeyWithoutRowid from './2026_11_21_0013_records_match_key_without_rowid.js';
import * as searchRank from './2026_11_21_0015_search_rank.js';
import * as searchHistory from './2026_11_21_0016_search_history.js';
import * as directory from './2026_11_21_0017_directory.js';
import * as searchIndex from './2026_11_21_0018_search_index.js';
import * as directoryOpeningHours from './2026_11_21_0020_directory_opening_hours.js';
import * as recordsDropDoiIndex from './2026_11_21_0021_records_drop_doi_index.js';
import * as searchIndexSpeed from './2026_11_22_0022_search_index_speed.js';
import * as directoryCorrections from './2026_11_22_0023_directory_corrections.js';
import * as markedRecords from './2026_11_22_0025_marked_records.js';
import * as savedSearch from './2026_11_22_0026_saved_search.js';
import * as searchStrategies from './2026_11_22_0027_search_strategies.js';
import * as mailHeaders from './2026_11_22_0028_mail_headers.js';
import * as searchIndexVersion from './2026_11_22_0029_search_index_version.js';

/**
 * The one ordered migration history, the same on SQLite and PostgreSQL.
 * Listed here rather than read from disk so it works the same from `src/` (tsx) and `dist/` (tsc).
 * Add new migrations at the end; never edit or reorder one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_21_0001_platform_session': platformSession,
  '2026_11_21_0002_platform_job': platformJob,
  '2026_11_21_0003_platform_mail': platformMail,
  '2026_11_21_0004_feedback': feedback,
  '2026_11_21_0005_organisations': organisations,
  '2026_11_21_0006_accounts': accounts,
  '2026_11_21_0007_platform_audit': platformAudit,
  '2026_11_21_0008_organisations_counties': organisationsCounties,
  '2026_11_21_0009_records': records,
  '2026_11_21_0010_thesaurus': thesaurus,
  '2026_11_21_0011_records_dedup': recordsDedup,
  '2026_11_21_0012_records_content_hash': recordsContentHash,
  '2026_11_21_0013_records_match_key_without_rowid': recordsMatchKeyWithoutRowid,
  '2026_11_21_0015_search_rank': searchRank,
  '2026_11_21_0016_search_history': searchHistory,
  '2026_11_21_0017_directory': directory,
  '2026_11_21_0018_search_index': searchIndex,
  '2026_11_21_0020_directory_opening_hours': directoryOpeningHours,
  '2026_11_21_0021_records_drop_doi_index': recordsDropDoiIndex,
  '2026_11_22_0022_search_index_speed': searchIndexSpeed,
  '2026_11_22_0023_directory_corrections': directoryCorrections,
  '2026_11_22_0025_marked_records': markedRecords,
  '2026_11_22_0026_saved_search': savedSearch,
  '2026_11_22_0027_search_strategies': searchStrategies,
  '2026_11_22_0028_mail_headers': mailHeaders,
  '2026_11_22_0029_search_index_version': searchIndexVersion,
};
