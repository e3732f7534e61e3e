// The review meeting API (docs/workflow.md "The meeting"): meetings, attendance and quorum, what the meeting holds
// per subject (comments, received comments, civil-servant grade, vote method), the show-of-hands tally, the
// electronic secret ballot, conclusion and the minutes. Shapes as in /api/v1/openapi.json.
import { request } from './client';
import type { Grade, Page, ReviewState } from './types';

export type Presence = 'present' | 'absent_with_reason' | 'absent_without_reason';
export const PRESENCES: Presence[] = ['present', 'absent_with_reason', 'absent_without_reason'];
export type VoteMethod = 'show_of_hands' | 'secret_ballot';
export type TallySource = 'show_of_hands' | 'secret_ballot' | 'paper_ballot';
export type ReceivedSource = 'residence' | 'previous_cell' | 'temporary_cell';
export type Rank = 'collective' | 'head' | 'deputy' | 'member';

export interface Fraction {
  numerator: number;
  denominator: number;
  strict: boolean;
}

export interface MeetingRules {
  quorum: Fraction;
  approval: Fraction;
  cumulative: boolean;
}

export interface Attendee {
  person_id: number;
  full_name: string;
  official: boolean;
  exempt: boolean;
  suspended: boolean;
  temporarily_elsewhere: boolean;
  voter: boolean;
  presence: Presence;
  absence_reason: string;
  absence_approved: boolean;
}

export interface Tally {
  HTXSNV: number;
  HTTNV: number;
  HTNV: number;
  KHTNV: number;
  blank: number;
  total?: number;
}

export interface MeetingComment {
  speaker_id: number;
  speaker_name?: string;
  text: string;
  criticism: boolean;
}

export interface ReceivedComment {
  source: ReceivedSource;
  text: string;
  unit_id?: number | null;
  unit_name?: string;
}

export interface MeetingSubject {
  subject_id: number;
  kind: 'member' | 'party_organization' | 'leadership_collective' | string;
  name: string;
  person_id: number | null;
  place: 'cell' | 'post';
  post_title: string | null;
  rank: Rank;
  reviewed: boolean;
  graded: boolean;
  state: ReviewState;
  self_proposed: Grade | null;
  comments: MeetingComment[];
  received: ReceivedComment[];
  required_comments: { rule: string; source: ReceivedSource; unit_id: number | null }[];
  civil_servant_grade: Grade | null;
  civil_servant_grade_needed: boolean;
  vote_method: VoteMethod;
  ballot: 'none' | 'open' | 'closed';
  ballots_cast?: number;
  you_voted?: boolean;
  tally: Tally | null;
  tally_source: TallySource | null;
  outcome: Grade | null;
  meeting_grade: Grade | null;
  concluded: boolean;
  version: number;
}

export interface Meeting {
  id: number;
  cycle_id: number;
  unit_id: number;
  unit_name: string;
  date: string;
  place: string;
  chair_id: number;
  secretary_id: number;
  rules: MeetingRules;
  vote_method: VoteMethod;
  status: 'open' | 'closed';
  closed_at: number | null;
  attendees: Attendee[];
  quorum: { base: number; present: number; met: boolean };
  subjects: MeetingSubject[];
  version: number;
}

export interface MeetingSummary {
  id: number;
  cycle_id: number;
  unit_id: number;
  unit_name: string;
  date: string;
  place: string;
  status: 'open' | 'closed';
  subjects: number;
  concluded: number;
  open_ballots: number;
  vote_method: VoteMethod;
  version: number;
}

export interface MeetingInput {
  cycle_id: number;
  unit_id: number;
  date: string;
  place: string;
  chair_id: number;
  secretary_id: number;
  vote_method?: VoteMethod;
}

export interface AttendanceEntry {
  person_id: number;
  presence: Presence;
  absence_reason?: string;
  absence_approved?: boolean;
  temporarily_elsewhere?: boolean;
}

export interface SubjectRecord {
  version: number;
  comments?: { speaker_id: number; text: string; criticism: boolean }[];
  received?: { source: ReceivedSource; text: string; unit_id?: number }[];
  civil_servant_grade?: Grade | null;
  vote_method?: VoteMethod;
}

export interface Minutes {
  meeting_id: number;
  text: string;
  frozen: boolean;
  closed_at: number | null;
  version: number;
}

// A subject of the cycle as the secretary's list gives it (GET /cycles/{id}/subjects).
export interface CycleSubject {
  subject_id: number;
  kind: string;
  unit_id: number;
  full_name: string | null;
  person_id: number | null;
  place: 'cell' | 'post';
  post_title: string | null;
  reviewed: boolean;
  graded: boolean;
  state: ReviewState;
  statement_status: 'draft' | 'submitted' | null;
}

export const meetingApi = {
  list: (q: { cycle_id?: number; unit_id?: number; page_size?: number }) =>
    request<Page<MeetingSummary>>('GET', '/meetings', undefined, { ...q }),
  get: (id: number) => request<Meeting>('GET', `/meetings/${id}`),
  create: (input: MeetingInput) => request<Meeting>('POST', '/meetings', input),
  attendance: (id: number, version: number, attendees: AttendanceEntry[]) =>
    request<Meeting>('PUT', `/meetings/${id}/attendance`, { version, attendees }),
  close: (id: number, version: number) => request<Meeting>('POST', `/meetings/${id}/close`, { version }),
  minutes: (id: number) => request<Minutes>('GET', `/meetings/${id}/minutes`),
  record: (reviewId: number, body: SubjectRecord) =>
    request<MeetingSubject>('PUT', `/reviews/${reviewId}/meeting`, body),
  tally: (reviewId: number, version: number, tally: Tally, method: 'show_of_hands' | 'paper_ballot' = 'show_of_hands') =>
    request<MeetingSubject>('PUT', `/reviews/${reviewId}/meeting/tally`, { version, method, tally }),
  openBallot: (reviewId: number, version: number) =>
    request<MeetingSubject>('POST', `/reviews/${reviewId}/meeting/ballot/open`, { version }),
  closeBallot: (reviewId: number, version: number) =>
    request<MeetingSubject>('POST', `/reviews/${reviewId}/meeting/ballot/close`, { version }),
  // The caller's own ballot; no Idempotency-Key (the route refuses it).
  castBallot: (reviewId: number, grade: Grade | null) =>
    request<{ subject_id: number; voted: boolean; ballots_cast: number }>(
      'POST',
      `/reviews/${reviewId}/meeting/ballot`,
      { grade },
      undefined,
      { noIdempotencyKey: true },
    ),
  conclude: (reviewId: number, version: number) =>
    request<MeetingSubject>('POST', `/reviews/${reviewId}/meeting/conclude`, { version }),
  cycleSubjects: (cycleId: number, unitId: number) =>
    request<Page<CycleSubject>>('GET', `/cycles/${cycleId}/subjects`, undefined, { unit_id: unitId, page_size: 500 }),
};

// The smallest count that passes a fraction of `base` (more than half: strict 1/2 of 23 → 12), as the API's
// rules say; used to explain a quorum or a majority not reached.
export function needed(f: Fraction, base: number): number {
  const exact = (base * f.numerator) / f.denominator;
  return f.strict ? Math.floor(exact) + 1 : Math.ceil(exact);
}

// A voter counts in the totals of a show of hands when present and entitled to vote.
export function votersPresent(m: Meeting): number {
  return m.attendees.filter((a) => a.voter && a.presence === 'present').length;
}
