// The appraisal, decision, publication, results and complaint routes (docs/workflow.md "Appraisal, decision,
// publication, complaints, re-grading"): their JSON shapes and typed calls, kept apart from client.ts so that only
// the pages that use them load them.
import { request } from './client';
import type { Grade, Page, ReviewState } from './types';

export type { ReviewState };

export type SubjectKind = 'member' | 'party_organization' | 'leadership_collective';

export interface Finding {
  rule: string;
  source: string;
  cap: Grade | null;
  message_vi: string;
  message_en: string;
}

export interface QuotaMeter {
  unit_id: number;
  unit_name: string;
  rule: string;
  grade: Grade;
  count: number;
  limit: number;
  base: number;
  ok: boolean;
  part: 'leaders' | 'members' | null;
}

export interface AppraisedSubject {
  subject_id: number;
  kind: SubjectKind;
  name: string;
  person_id: number | null;
  unit_id: number;
  state: ReviewState;
  in_scope: boolean;
  graded: boolean;
  proposed: Grade | null;
  grade: Grade | null;
  max: Grade | null;
  proposal_above_max: boolean;
  findings: Finding[];
}

export interface Appraisal {
  cycle_id: number;
  unit_id: number;
  ruleset: string;
  ok: boolean;
  subjects: AppraisedSubject[];
  quotas: QuotaMeter[];
  pending: { subject_id: number; kind: SubjectKind; name: string; state: ReviewState }[];
}

// A row of GET /cycles/{id}/subjects.
export interface CycleSubject {
  subject_id: number;
  kind: SubjectKind;
  unit_id: number;
  unit_name: string;
  state: ReviewState;
  person_id: number | null;
  full_name: string | null;
  place: 'cell' | 'post';
  post_title: string | null;
  reviewed: boolean;
  graded: boolean;
  meeting_grade: Grade | null;
  proposed_grade: Grade | null;
  grade: Grade | null;
}

export interface DecisionGrade {
  subject_id: number;
  kind: SubjectKind;
  name: string;
  unit_id: number;
  state: ReviewState;
  grade: Grade | null;
  previous_grade: Grade | null;
}

export interface Decision {
  id: number;
  cycle_id: number;
  unit_id: number;
  unit_name: string;
  organ: 'committee' | 'standing_committee' | 'politburo';
  kind: 'decision' | 'regrade' | 'complaint';
  complaint_id: number | null;
  number: string;
  date: string;
  signer: string;
  body: string;
  published_at: number | null;
  grades: DecisionGrade[];
  quotas: QuotaMeter[];
  version: number;
}

export interface DecisionInput {
  unit_id: number;
  number: string;
  date: string;
  signer: string;
  body?: string;
  subject_ids: number[];
  grades?: Record<string, Grade>;
  complaint_id?: number;
}

export interface Transition {
  from: ReviewState;
  to: ReviewState;
  action: string;
  actor: string;
  account: string | null;
  at: number;
  reason: string;
  grade: Grade | null;
}

export interface Complaint {
  id: number;
  subject_id: number;
  decision_id: number;
  filed_on: string;
  text: string;
  requested: Grade | null;
  outcome: 'pending' | 'upheld' | 'rejected';
  answered_on: string | null;
  reasons: string;
  state: ReviewState;
  version: number;
}

// A row of GET /cycles/{id}/complaints: the complaint as filing and answering return it, and what the committee
// reads beside it (review_id is the subject's id, as /reviews/{id} takes it).
export interface ComplaintListItem extends Complaint {
  status: 'open' | 'answered';
  review_id: number;
  review_version: number;
  subject_kind: SubjectKind;
  subject_name: string;
  unit_id: number;
  unit_name: string;
  decision_number: string;
  decision_date: string;
  decision_unit_id: number;
  contested_grade: Grade | null;
  filed_at: number;
}

// A row of GET /cycles/{id}/decisions: a decision's head and how many reviews it graded.
export type CycleDecision = Omit<Decision, 'body' | 'grades' | 'quotas' | 'version'> & { subject_count: number };

export interface ReviewDecisionEntry {
  id: number;
  kind: 'decision' | 'regrade' | 'complaint';
  complaint_id: number | null;
  number: string;
  date: string;
  signer: string;
  unit_id: number;
  unit_name: string;
  grade: Grade | null;
  previous_grade: Grade | null;
  published_at: number | null;
}

export interface ReviewDetail {
  id: number;
  cycle_id: number;
  year: number;
  quarter: number;
  ruleset: string;
  kind: SubjectKind;
  name: string;
  person_id: number | null;
  unit_id: number;
  state: ReviewState;
  graded: boolean;
  meeting_grade: Grade | null;
  proposed_grade: Grade | null;
  grade: Grade | null;
  version: number;
  transitions: Transition[];
  decisions: ReviewDecisionEntry[];
  complaints: Complaint[];
}

export interface MyResult {
  cycle_id: number;
  review_id: number;
  year: number;
  quarter: number;
  ruleset: string;
  unit_id: number;
  unit_name: string;
  state: ReviewState;
  graded: boolean;
  grade: Grade | null;
  decisions: { id: number; kind: string; number: string; date: string; grade: Grade | null; published_at: number }[];
}

export interface Notification {
  id: number;
  kind: 'grade_published' | 'complaint_answered' | 'grade_cancelled' | 'grade_reopened';
  person_id: number | null;
  subject_id: number | null;
  unit_id: number;
  text_vi: string;
  text_en: string;
  created_at: number;
  read_at: number | null;
}

export interface ProposeResult {
  subject_id: number;
  state: ReviewState;
  meeting_grade: Grade | null;
  proposed_grade: Grade | null;
  version: number;
}

export const decisionApi = {
  appraisal: (cycleId: number, unitId: number, overrides: Record<string, Grade> = {}) =>
    request<Appraisal>('POST', `/cycles/${cycleId}/appraisal`, { unit_id: unitId, overrides }),
  subjects: (cycleId: number, unitId: number, page: number, pageSize = 500) =>
    request<Page<CycleSubject>>('GET', `/cycles/${cycleId}/subjects`, undefined, {
      unit_id: unitId,
      page,
      page_size: pageSize,
    }),
  // Every subject of the unit's subtree: the first page says how many more to ask for, asked together.
  allSubjects: async (cycleId: number, unitId: number): Promise<CycleSubject[]> => {
    const first = await decisionApi.subjects(cycleId, unitId, 1);
    const pages = Math.ceil(first.total / Math.max(1, first.page_size));
    const rest = await Promise.all(
      Array.from({ length: Math.max(0, pages - 1) }, (_, i) => decisionApi.subjects(cycleId, unitId, i + 2)),
    );
    return [first, ...rest].flatMap((p) => p.items);
  },
  review: (id: number) => request<ReviewDetail>('GET', `/reviews/${id}`),
  propose: (id: number, body: { version: number; grade?: Grade; reason?: string }) =>
    request<ProposeResult>('POST', `/reviews/${id}/propose`, body),
  decide: (cycleId: number, input: DecisionInput) => request<Decision>('POST', `/cycles/${cycleId}/decisions`, input),
  decision: (id: number) => request<Decision>('GET', `/decisions/${id}`),
  publish: (id: number) => request<Decision>('POST', `/decisions/${id}/publish`, {}),
  notifications: () => request<{ items: Notification[] }>('GET', '/me/notifications').then((r) => r.items),
  markRead: (id: number) => request<Notification>('POST', `/me/notifications/${id}/read`, {}),
  results: () => request<{ items: MyResult[] }>('GET', '/me/results').then((r) => r.items),
  fileComplaint: (reviewId: number, body: { text: string; requested?: Grade }) =>
    request<Complaint>('POST', `/reviews/${reviewId}/complaints`, body),
  // The complaints about subjects of the unit's subtree, newest first (status: open = not answered yet).
  complaints: (
    cycleId: number,
    unitId: number,
    { status, page = 1, pageSize = 50 }: { status?: 'open' | 'answered'; page?: number; pageSize?: number } = {},
  ) =>
    request<Page<ComplaintListItem>>('GET', `/cycles/${cycleId}/complaints`, undefined, {
      unit_id: unitId,
      status,
      page,
      page_size: pageSize,
    }),
  // The decisions taken by the unit and its subtree, newest first.
  cycleDecisions: (cycleId: number, unitId: number, page = 1, pageSize = 10) =>
    request<Page<CycleDecision>>('GET', `/cycles/${cycleId}/decisions`, undefined, {
      unit_id: unitId,
      page,
      page_size: pageSize,
    }),
  answerComplaint: (id: number, body: { outcome: 'upheld' | 'rejected'; reasons: string }) =>
    request<Complaint>('POST', `/complaints/${id}/answer`, body),
  cancel: (reviewId: number, reason: string) =>
    request<ProposeResult>('POST', `/reviews/${reviewId}/cancel`, { reason }),
};
