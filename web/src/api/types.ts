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
