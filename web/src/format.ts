// Dates are shown dd/mm/yyyy (DESIGN.md); the API speaks ISO 'YYYY-MM-DD'.
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

// dd/mm/yyyy (also d/m/yyyy) -> 'YYYY-MM-DD'; null when the text is not a real date.
export function parseDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function formatNumber(n: number, lang: 'vi' | 'en'): string {
  return n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
}
