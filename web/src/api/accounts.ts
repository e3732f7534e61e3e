// The administration of accounts (GET/POST /accounts, PATCH /accounts/{id}, roles, password): only the accounts
// page uses these, so they live in its chunk rather than in client.ts.
import { request } from './client';
import type { Account, Page, Role } from './types';

// One page of the accounts list (also asked early by app.tsx when the app opens on it).
export const ACCOUNTS_PAGE = 20;

export const ROLES: Role[] = [
  'member',
  'cell_secretary',
  'committee_staff',
  'committee',
  'organization_board',
  'inspection',
  'administrator',
];

export interface AccountInput {
  username: string;
  display_name: string;
  password: string;
  home_unit_id: number;
  person_id?: number | null;
  roles?: { role: Role; unit_id: number }[];
}

export const accountsApi = {
  list: (q: { unit_id?: number; page?: number; page_size?: number }) =>
    request<Page<Account>>('GET', '/accounts', undefined, { ...q }),
  create: (input: AccountInput) => request<Account>('POST', '/accounts', input),
  update: (id: number, input: { version: number; display_name?: string; disabled?: boolean }) =>
    request<Account>('PATCH', `/accounts/${id}`, input),
  grant: (id: number, role: Role, unitId: number) =>
    request<Account>('POST', `/accounts/${id}/roles`, { role, unit_id: unitId }),
  revoke: (id: number, role: Role, unitId: number) =>
    request<Account>('DELETE', `/accounts/${id}/roles/${role}/${unitId}`),
  setPassword: (id: number, password: string) =>
    request<unknown>('POST', `/accounts/${id}/password`, { password }),
};
