// Whether the signed-in account administers a unit: an administrator grant on the unit or one of its ancestors
// (grants hold for a unit and its subtree). Decides only what is shown; the server authorizes every write.
import { api } from '../api/client';
import { useSession } from '../session/session';
import { useLoad } from './load';

export function useAdministers(unitId: number | null | undefined): boolean {
  const { account } = useSession();
  const grants = new Set(account?.roles.filter((g) => g.role === 'administrator').map((g) => g.unit_id) ?? []);
  const key = [...grants].sort().join(',');
  const result = useLoad(async () => {
    if (!grants.size || !unitId) return false;
    if (grants.has(unitId)) return true;
    // The unit's line up to the root comes with it (one read).
    return ((await api.unit(unitId)).ancestors ?? []).some((a) => grants.has(a.id));
  }, [unitId, key]);
  return result.data === true;
}
