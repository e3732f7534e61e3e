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

// Grouped by hand ("2.000" / "2,000"): the first toLocaleString of a page set up the locale's ICU data, about 40 ms
// of the main thread on every cold load, for what is only thousands separators and a decimal comma (at most
// `decimals` digits, as toLocaleString's default of 3).
export function formatNumber(n: number, lang: 'vi' | 'en', decimals = 3): string {
  if (!Number.isFinite(n)) return String(n);
  const scale = 10 ** decimals;
  const fixed = (Math.round(Math.abs(n) * scale) / scale).toFixed(decimals);
  const [whole, frac] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
  // Trailing zeros of the fraction are not shown (83,0 -> 83), as toLocaleString's maximumFractionDigits.
  const f = frac?.replace(/0+$/, '');
  return (n < 0 && Number(fixed) !== 0 ? '-' : '') + grouped + (f ? (lang === 'vi' ? ',' : '.') + f : '');
}
