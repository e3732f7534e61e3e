// Whether the signed-in account administers a unit: an administrator grant on the unit or one of its ancestors
// (grants hold for a unit and its subtree). Decides only what is shown; the server authorizes every write.
import { api } from '../api/client';
import type { Unit } from '../api/types';
import { useSession } from '../session/session';
import { useLoad } from './load';

// `unit`: its id, or the unit as GET /units/{id} gave it (its ancestors then answer without another read).
export function useAdministers(unit: number | Unit | null | undefined): boolean {
  const { account } = useSession();
  const grants = new Set(account?.roles.filter((g) => g.role === 'administrator').map((g) => g.unit_id) ?? []);
  const key = [...grants].sort().join(',');
  const unitId = typeof unit === 'object' && unit !== null ? unit.id : unit;
  const known = typeof unit === 'object' && unit !== null ? unit.ancestors : undefined;
  const result = useLoad(async () => {
    if (!grants.size || !unitId) return false;
    if (grants.has(unitId)) return true;
    // The unit's line up to the root comes with it (one read, unless the caller has it).
    return ((known ?? (await api.unit(unitId)).ancestors) ?? []).some((a) => grants.has(a.id));
  }, [unitId, key, known]);
  return result.data === true;
}
