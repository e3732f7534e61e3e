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
    // Up the current parents until a granted unit or the root (a handful of levels: province to cell).
    let id: number | null = unitId;
    for (let depth = 0; id !== null && depth < 16; depth++) {
      if (grants.has(id)) return true;
      id = (await api.unit(id)).parent_id;
    }
    return false;
  }, [unitId, key]);
  return result.data === true;
}
