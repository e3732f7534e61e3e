// Searching people by name without typing diacritics ("nguyen van" finds "Nguyễn Văn …"), for the pickers of
// the meeting screens.
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export const nameSearch = {
  filterOption: (input: string, option?: { label?: unknown }) => fold(String(option?.label ?? '')).includes(fold(input)),
};
