// Restructuring of the organization and people moves (docs/organization.md "Restructuring operations", "Posts"):
// move a unit, merge units, split a unit, the tree as of a date, move a member to another cell, a member's posts.
// Only the restructuring dialogs, the person page and the tree use these, so they live outside client.ts.
import { request } from './client';
import type { Post, TreeNode, Unit, UnitKind } from './types';

// Where each kind may sit (the server's table in docs/organization.md; it refuses anything else naming parent_id).
// Used only to offer sensible choices in the pickers; the server stays the judge.
export const ALLOWED_PARENTS: Record<UnitKind, UnitKind[]> = {
  province_committee: [],
  upper_grassroots_committee: ['province_committee'],
  grassroots_committee: ['province_committee', 'upper_grassroots_committee'],
  grassroots_cell: ['province_committee', 'upper_grassroots_committee'],
  sectional_committee: ['grassroots_committee'],
  cell: ['grassroots_committee', 'sectional_committee'],
  agency: ['province_committee', 'upper_grassroots_committee', 'grassroots_committee', 'agency'],
};

// Today in the browser's calendar as the API's 'YYYY-MM-DD' (the default effective date of a change).
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export const CELL_KINDS: UnitKind[] = ['cell', 'grassroots_cell'];

export interface MergeInput {
  sources: number[];
  into?: number;
  new_unit?: { kind: string; name: string; code: string; parent_id: number };
  effective?: string;
}

export interface MergeResult {
  unit: Unit;
  merged: number[];
  moved_units: number[];
  moved_members: number;
  effective: string;
}

export interface SplitPart {
  name: string;
  code: string;
  kind?: string;
  units: number[];
  members: number[];
}

export interface SplitResult {
  source: Unit;
  parts: Unit[];
  effective: string;
}

export interface PostInput {
  unit_id: number;
  title: string;
  is_head?: boolean;
  is_leadership?: boolean;
  collective_id?: number | null;
  valid_from?: string;
}

export const orgApi = {
  // The subtree as it was on `asOf` (today when absent), `depth` levels down (all when absent).
  tree: (id: number, q: { as_of?: string; depth?: number } = {}) =>
    request<{ as_of: string; unit: TreeNode }>('GET', `/units/${id}/tree`, undefined, { ...q }),
  moveUnit: (id: number, input: { parent_id: number; effective?: string; version?: number }) =>
    request<Unit>('POST', `/units/${id}/move`, input),
  mergeUnits: (input: MergeInput) => request<MergeResult>('POST', '/units/merge', input),
  splitUnit: (id: number, input: { parts: SplitPart[]; effective?: string }) =>
    request<SplitResult>('POST', `/units/${id}/split`, input),

  movePerson: (id: number, input: { unit_id: number; effective?: string; version?: number }) =>
    request<unknown>('POST', `/people/${id}/move`, input),
  posts: (personId: number, includePast: boolean) =>
    request<{ items: Post[] }>('GET', `/people/${personId}/posts`, undefined, { include_past: includePast }).then(
      (r) => r.items,
    ),
  addPost: (personId: number, input: PostInput) => request<Post>('POST', `/people/${personId}/posts`, input),
  updatePost: (id: number, input: { version: number; title?: string; is_head?: boolean; valid_to?: string }) =>
    request<Post>('PATCH', `/posts/${id}`, input),
};

// Counts of what a restructuring carries along: the units below (all levels) and the members active in the subtree
// today — what the confirmation tells the administrator before anything changes.
export async function subtreeCounts(id: number): Promise<{ units: number; members: number; children: number }> {
  const { unit } = await orgApi.tree(id);
  let units = 0;
  let members = 0;
  const walk = (n: TreeNode) => {
    members += n.members;
    for (const c of n.children ?? []) {
      units += 1;
      walk(c);
    }
  };
  walk(unit);
  return { units, members, children: unit.children?.length ?? 0 };
}
