import type { JoinRequestTable } from '../../modules/accounts/join-request.table.js';
import type { RoleAssignmentTable } from '../../modules/accounts/role.table.js';
import type { AccountTokenTable, ApiTokenTable, SignInThrottleTable } from '../../modules/accounts/token.table.js';
import type { UserAccountTable } from '../../modules/accounts/user.table.js';
import type {
  LibraryContactTable,
  LibraryCorrectionTable,
  LibraryServiceOfferingTable,
  LibraryServiceOrganisationTable,
  LibraryServiceTable,
  LibrarySiteOpeningTable,
  LibrarySiteTable,
  PostcodeDistrictTable,
  PostcodeLocationTable,
  ServiceOfferedTable,
} from '../../modules/directory/directory.table.js';
import type { FeedbackTable } from '../../modules/feedback/feedback.table.js';
import type {
  CountyTable,
  OrganisationDomainTable,
  OrganisationTable,
  RegionTable,
  SharedEmailDomainTable,
} from '../../modules/organisations/organisation.table.js';
import type { ImportRunTable, RecordMatchKeyTable, RecordTable } from '../../modules/records/record.table.js';
import type { SavedSearchTable } from '../../modules/search/alerts/saved-search.table.js';
import type { SearchHistoryLineTable } from '../../modules/search/history/history.table.js';
import type { SearchStrategyLineTable, SearchStrategyTable } from '../../modules/search/strategies/strategy.table.js';
import type { MarkedRecordTable } from '../../modules/search/marked/marked.table.js';
import type { SearchDeferredIndexTable } from '../../modules/search/index/deferred-index.table.js';
import type { SearchDocumentTable, SearchHeadingTable, SearchIndexVersionTable, SearchTermTable, SearchValueTable } from '../../modules/search/search.table.js';
import type {
  MeshDescriptorTable,
  MeshTermTable,
  MeshTermWordTable,
  MeshTreeNumberTable,
  MeshVocabularyTable,
} from '../../modules/thesaurus/mesh.table.js';
import type { AuditEventTable } from '../audit/audit.table.js';
import type { SessionTable } from '../http/session.table.js';
import type { JobScheduleTable, JobTable } from '../jobs/job.table.js';
import type { MailOutboxTable } from '../mail/mail.table.js';

/** Every table khub has, put together from the modules' and platform's `*.table.ts` files. */
export interface Database {
  session: SessionTable;
  job: JobTable;
  job_schedule: JobScheduleTable;
  mail_outbox: MailOutboxTable;
  feedback: FeedbackTable;
  audit_event: AuditEventTable;
  region: RegionTable;
  county: CountyTable;
  organisation: OrganisationTable;
  organisation_domain: OrganisationDomainTable;
  shared_email_domain: SharedEmailDomainTable;
  user_account: UserAccountTable;
  role_assignment: RoleAssignmentTable;
  join_request: JoinRequestTable;
  account_token: AccountTokenTable;
  sign_in_throttle: SignInThrottleTable;
  api_token: ApiTokenTable;
  record: RecordTable;
  import_run: ImportRunTable;
  record_match_key: RecordMatchKeyTable;
  mesh_vocabulary: MeshVocabularyTable;
  mesh_descriptor: MeshDescriptorTable;
  mesh_term: MeshTermTable;
  mesh_term_word: MeshTermWordTable;
  mesh_tree_number: MeshTreeNumberTable;
  search_history_line: SearchHistoryLineTable;
  search_strategy: SearchStrategyTable;
  search_strategy_line: SearchStrategyLineTable;
  search_document: SearchDocumentTable;
  search_heading: SearchHeadingTable;
  search_value: SearchValueTable;
  search_term: SearchTermTable;
  search_index_version: SearchIndexVersionTable;
  search_deferred_index: SearchDeferredIndexTable;
  postcode_location: PostcodeLocationTable;
  postcode_district: PostcodeDistrictTable;
  service_offered: ServiceOfferedTable;
  library_service: LibraryServiceTable;
  library_service_organisation: LibraryServiceOrganisationTable;
  library_service_offering: LibraryServiceOfferingTable;
  library_contact: LibraryContactTable;
  library_site: LibrarySiteTable;
  library_site_opening: LibrarySiteOpeningTable;
  library_correction: LibraryCorrectionTable;
  marked_record: MarkedRecordTable;
  saved_search: SavedSearchTable;
}
