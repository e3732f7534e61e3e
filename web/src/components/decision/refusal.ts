// A refused decision (400 with every reason, 409 for the order of grading) sorted by what each reason is about:
// a subject (grades.<id>, order.<id>, subject_ids…), a quota scope (quotas.<unit id>), a field of the record
// (number, date, signer), or none of these. Each text in the current language with the grade codes in words.
import { ApiError } from '../../api/client';
import { plainGrades } from './grade_bits';

export interface Refusal {
  message: string;
  bySubject: Record<number, string[]>;
  byQuota: Record<number, string[]>;
  byField: Record<string, string>;
  all: string[];
}

export function sortRefusal(e: unknown, lang: 'vi' | 'en', pick: (s: string) => string): Refusal | null {
  if (!(e instanceof ApiError) || (e.status !== 400 && e.status !== 409)) return null;
  const out: Refusal = { message: plainGrades(pick(e.message), lang), bySubject: {}, byQuota: {}, byField: {}, all: [] };
  for (const d of e.details) {
    const text = plainGrades(pick(d.problem), lang);
    out.all.push(text);
    const subject = /^(?:grades|order|subjects|subject_ids)\.(\d+)/.exec(d.path);
    const quota = /^quotas\.(\d+)/.exec(d.path);
    if (subject) (out.bySubject[Number(subject[1])] ??= []).push(text);
    else if (quota) (out.byQuota[Number(quota[1])] ??= []).push(text);
    else if (/^(number|date|signer|body)$/.test(d.path)) out.byField[d.path] = text;
  }
  return out;
}
