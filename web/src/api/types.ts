// The JSON shapes of /api/v1 the app uses (docs/api.md, /api/v1/openapi.json).

export type Role =
  | 'member'
  | 'cell_secretary'
  | 'committee_staff'
  | 'committee'
  | 'organization_board'
  | 'inspection'
  | 'administrator';

export interface RoleGrant {
  role: Role;
  unit_id: number;
}

export interface Account {
  id: number;
  username: string;
  display_name: string;
  person_id: number | null;
  home_unit_id: number;
  disabled: boolean;
  version: number;
  roles: RoleGrant[];
}

export interface Session {
  account: Account;
  csrf_token: string;
  expires_at: string;
}

export type UnitKind =
  | 'province_committee'
  | 'upper_grassroots_committee'
  | 'grassroots_committee'
  | 'grassroots_cell'
  | 'sectional_committee'
  | 'cell'
  | 'agency';

export const UNIT_KINDS: UnitKind[] = [
  'province_committee',
  'upper_grassroots_committee',
  'grassroots_committee',
  'grassroots_cell',
  'sectional_committee',
  'cell',
  'agency',
];

export interface Unit {
  id: number;
  kind: UnitKind;
  name: string;
  code: string;
  parent_id: number | null;
  established_on: string;
  dissolved_on: string | null;
  version: number;
  // GET /units/{id} only: the units above it, from the root down to its parent.
  ancestors?: { id: number; name: string; kind: UnitKind }[];
}

export interface TreeNode {
  id: number;
  kind: UnitKind;
  name: string;
  code: string;
  members: number;
  children?: TreeNode[];
}

export interface Collective {
  id: number;
  unit_id: number;
  kind: string;
  name: string;
  valid_from: string;
  valid_to: string | null;
  version: number;
}

export type PersonStatus = 'active' | 'probationary' | 'exempt' | 'suspended';
export const PERSON_STATUSES: PersonStatus[] = ['active', 'probationary', 'exempt', 'suspended'];

export interface Person {
  id: number;
  card_number: string | null;
  full_name: string;
  gender: 'male' | 'female' | null;
  birth_date: string | null;
  admitted_on: string | null;
  official_on: string | null;
  status: PersonStatus;
  residence: string | null;
  is_civil_servant: boolean;
  unit_id: number | null;
  version: number;
}

export interface Membership {
  unit_id: number;
  unit_name: string;
  valid_from: string;
  valid_to: string | null;
}

export interface Post {
  id: number;
  person_id: number;
  unit_id: number;
  collective_id: number | null;
  title: string;
  is_head: boolean;
  is_leadership: boolean;
  valid_from: string;
  valid_to: string | null;
  version: number;
}

export interface PersonDetail extends Person {
  memberships: Membership[];
  posts: Post[];
  is_leader: boolean;
  is_head: boolean;
}

export interface Page<T> {
  items: T[];
  page: number;
  page_size: number;
  total: number;
}

export interface ErrorDetail {
  path: string;
  problem: string;
}

// Review cycles and statements (docs/workflow.md "Stored and exposed").
export type Level = 'cell' | 'grassroots' | 'upper_grassroots' | 'province';
export const LEVELS: Level[] = ['cell', 'grassroots', 'upper_grassroots', 'province'];
export type Step = 'self_review' | 'meeting' | 'proposal' | 'decision' | 'reporting';
export const STEPS: Step[] = ['self_review', 'meeting', 'proposal', 'decision', 'reporting'];

export interface CalendarEntry {
  level: Level;
  self_review: string;
  meeting: string;
  proposal: string;
  decision: string;
  reporting: string;
}

export interface Cycle {
  id: number;
  year: number;
  quarter: number;
  ruleset: string;
  root_unit_id: number;
  root_unit_name?: string;
  status: 'open' | 'closed';
  complaint_days?: number;
  grading_date?: string;
  calendar: CalendarEntry[];
  subjects?: { total: number; reviewed: number; graded: number; submitted: number };
  version: number;
}

export interface CycleInput {
  unit_id: number;
  year: number;
  quarter?: number;
  ruleset?: string;
  complaint_days?: number;
  calendar?: CalendarEntry[];
}

export type ReviewState =
  | 'not_started'
  | 'draft'
  | 'submitted'
  | 'reviewed'
  | 'proposed'
  | 'decided'
  | 'published'
  | 'complaint_filed'
  | 'regrading';

export interface Reason {
  rule: string;
  vi: string;
  en: string;
}

export interface MyReview {
  id: number;
  cycle_id: number;
  year: number;
  quarter: number;
  ruleset: string;
  unit_id: number;
  unit_name: string;
  place: 'cell' | 'post';
  post_title: string | null;
  profile: string;
  form: string;
  reviewed: boolean;
  graded: boolean;
  reasons: Reason[];
  state: ReviewState;
  version: number;
  statement_status: 'draft' | 'submitted' | null;
  statement_version: number;
  self_review_due: string | null;
}

export type Grade = 'HTXSNV' | 'HTTNV' | 'HTNV' | 'KHTNV';
export const GRADES: Grade[] = ['HTXSNV', 'HTTNV', 'HTNV', 'KHTNV'];
export type Rating = 'xuat_sac' | 'tot' | 'trung_binh' | 'kem';
export const RATINGS: Rating[] = ['xuat_sac', 'tot', 'trung_binh', 'kem'];
export type TaskStatus = 'in_progress' | 'completed_on_time' | 'completed_late' | 'not_completed';
export const TASK_STATUSES: TaskStatus[] = ['completed_on_time', 'completed_late', 'not_completed', 'in_progress'];

export interface Task {
  title: string;
  status: TaskStatus;
  exceeded: boolean;
  key: boolean;
  evidence: string[];
}

export interface StatementContent {
  sections: Record<string, string>;
  scores: Record<string, number>;
  ratings: Record<string, Rating>;
  tasks: Task[];
  limitations: { identified?: number; remedied?: number };
  proposed: Grade | null;
}

export interface FormSection {
  key: string;
  title_vi: string;
  title_en: string;
  required: boolean;
}

export interface StatementForm {
  code: string;
  title_vi: string;
  title_en: string;
  appendix: string;
  sections: FormSection[];
  points: boolean;
  score_groups: { key: string; title_vi: string; title_en: string; max: number }[];
  criteria: string[];
  tasks_required: boolean;
  evidence_required: boolean;
}

export interface Statement extends StatementContent {
  subject_id: number;
  state: ReviewState;
  status: 'not_started' | 'draft' | 'submitted';
  entered_by: number | null;
  on_behalf: boolean;
  submitted_at: number | null;
  version: number;
  form: StatementForm;
}

export interface ProgressEntry {
  unit_id: number;
  name: string;
  kind: UnitKind;
  total: number;
  pending: Record<'self_review' | 'meeting' | 'proposal' | 'decision', number>;
  late: Record<'self_review' | 'meeting' | 'proposal' | 'decision', number>;
}

export interface Progress {
  cycle_id: number;
  as_of: string;
  unit: ProgressEntry;
  children: ProgressEntry[];
  not_submitted: { subject_id: number; person_id: number; full_name: string; unit_id: number; state: ReviewState }[];
  not_submitted_total: number;
}
