// Loading one deciding unit's batch in a cycle, shared by the appraisal and decision screens: the cycle, the unit,
// the engine's appraisal and (for the appraisal) the meeting's grades from the subjects list.
import { api } from '../../api/client';
import { decisionApi, type Appraisal, type CycleSubject } from '../../api/decision';
import type { Cycle, Unit } from '../../api/types';
import type { Account } from '../../api/types';

export interface Batch {
  cycle: Cycle;
  unit: Unit;
  appraisal: Appraisal;
  subjects: Map<number, CycleSubject> | null;
}

// The unit the screen works on: ?unit= when given, else the caller's first grant able to appraise or decide, else
// the cycle's root.
export function deciderUnit(account: Account | null, cycle: Cycle, given: number | undefined): number {
  if (given) return given;
  const grant = account?.roles.find((g) => ['committee', 'committee_staff', 'organization_board'].includes(g.role));
  return grant?.unit_id ?? cycle.root_unit_id;
}

export async function loadBatch(
  cycleId: number,
  account: Account | null,
  unitParam: number | undefined,
  withSubjects: boolean,
): Promise<Batch> {
  // With ?unit= everything is asked at once; without it the cycle (its root) comes first.
  const cyclePromise = api.cycle(cycleId);
  const unitId = unitParam ?? deciderUnit(account, await cyclePromise, undefined);
  const [cycle, unit, appraisal, list] = await Promise.all([
    cyclePromise,
    api.unit(unitId),
    decisionApi.appraisal(cycleId, unitId),
    withSubjects ? decisionApi.allSubjects(cycleId, unitId) : Promise.resolve(null),
  ]);
  return { cycle, unit, appraisal, subjects: list ? new Map(list.map((s) => [s.subject_id, s])) : null };
}

// The subjects the unit decides now (its scope, graded), in the engine's order.
export function decidable(appraisal: Appraisal, states: string[]) {
  return appraisal.subjects.filter((s) => s.in_scope && s.graded && states.includes(s.state));
}

// Today as the API writes dates (local calendar day), the default date of a decision.
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
