// The API's refusals on a form: {"error": {message, details[{path, problem}]}} → each problem under the field its
// path names (antd Form.setFields), the rest listed in one alert box at the top. One hook for every form, so the
// unit, person, statement and cycle forms show problems the same way.
import { Alert } from 'antd';
import type { FormInstance } from 'antd';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useErrorText } from '../components/load';
import { useI18n, type Lang } from '../i18n/i18n';
import { ApiError } from './client';

// A form field's name as antd takes it: 'code' or ['tasks', 0, 'title'].
export type FieldName = string | (string | number)[];

// "tasks[0].evidence[1]" → ['tasks', 0, 'evidence', 1]; "body.name" → ['name'].
export function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.replace(/^body\./, '').split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return [path];
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

// Some problems come from the workflow checks in English only; the ones a member meets are given in Vietnamese
// here (the English stays as the server wrote it).
const LEVEL_VI: Record<string, string> = {
  cell: 'chi bộ',
  grassroots: 'cơ sở',
  upper_grassroots: 'cấp trên cơ sở',
  province: 'tỉnh',
};

const KNOWN_PROBLEMS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^required$/, () => 'Bắt buộc'],
  [/^required \(0–(\d+)\)$/, (m) => `Bắt buộc (từ 0 đến ${m[1]} điểm)`],
  [/^(-?[\d.]+) is outside 0–(\d+)$/, (m) => `${m[1]} nằm ngoài khoảng 0–${m[2]} điểm`],
  [/^expected file:<id> or an http\(s\) link$/, () => 'Cần một đường dẫn bắt đầu bằng http:// hoặc https://'],
  [/^only a completed task can exceed its requirement$/, () => 'Chỉ nhiệm vụ đã hoàn thành mới có thể vượt mức'],
  [
    /^the year's tasks must be closed/,
    () => 'Để nộp, mỗi nhiệm vụ phải ở trạng thái đã hoàn thành hoặc không hoàn thành',
  ],
  [/^a completed task needs at least one concrete product/, () => 'Nhiệm vụ đã hoàn thành cần ít nhất một sản phẩm cụ thể'],
  [/^the tasks of the year with their products are required$/, () => 'Cần liệt kê các nhiệm vụ trong năm và sản phẩm'],
  [/^negative$/, () => 'Không được là số âm'],
  [/^required with limitations\.remedied$/, () => 'Cần nhập số hạn chế đã được chỉ ra'],
  [/^greater than identified$/, () => 'Không được lớn hơn số hạn chế đã được chỉ ra'],
  [/^the self-proposed grade is required$/, () => 'Cần chọn mức tự xếp loại'],
  [
    /^(\w+) is above the band of the self-score ([\d.]+) \((\w+) at most\)$/,
    (m) => `Mức ${m[1]} cao hơn mức của tổng điểm tự chấm ${m[2]} (cao nhất là ${m[3]})`,
  ],
  [
    /^(\S+) is before the previous step's deadline (\S+)$/,
    (m) => `Ngày ${m[1]} sớm hơn hạn của bước trước (${m[2]})`,
  ],
  [/^(\S+) is outside (\S+) – (\S+)$/, (m) => `Ngày ${m[1]} nằm ngoài khoảng ${m[2]} – ${m[3]}`],
  [
    /^due before the same step at the lower level (\w+) \((\S+)\)$/,
    (m) => `Sớm hơn hạn của cùng bước ở cấp dưới (${LEVEL_VI[m[1]] ?? m[1]}: ${m[2]})`,
  ],
  [/^(-?\d+) is outside 1–90 days$/, (m) => `${m[1]} ngày nằm ngoài khoảng 1–90 ngày`],
  [/^(-?\d+) is not a plausible evaluation year/, (m) => `Năm ${m[1]} không hợp lệ (2000–2100)`],
  [/^no ruleset in force for (\d+)$/, (m) => `Không có quy định nào áp dụng cho năm ${m[1]}`],
  [/^(\S+) does not cover the year (\d+)/, (m) => `Quy định ${m[1]} không áp dụng cho năm ${m[2]}`],
  [/^quarterly evaluation exists only under 366/, () => 'Chỉ Quy định 366-QĐ/TW có đánh giá theo quý'],
  [/^this form is scored in points, not rated$/, () => 'Mẫu này chấm bằng điểm, không xếp mức theo tiêu chí'],
  [/^this form is rated per criterion, not scored$/, () => 'Mẫu này xếp mức theo tiêu chí, không chấm điểm'],
];

export function problemText(problem: string, lang: Lang, pick: (s: string) => string): string {
  if (problem.includes(' / ')) return pick(problem);
  if (lang === 'vi')
    for (const [re, vi] of KNOWN_PROBLEMS) {
      const m = re.exec(problem);
      if (m) return vi(m);
    }
  return problem;
}

export interface ApiFieldErrors {
  // Shows `error` on the form: its problems beside the fields, the message (and the problems without a field) on
  // top. Returns the field names that got a problem (to scroll to the first).
  report: (error: unknown) => FieldName[];
  clear: () => void;
  // The alert box, or null when there is nothing to say.
  alert: ReactNode;
}

// `fieldOf` says which form field a problem's path belongs to (null: none, list it on top). By default a path is
// a field when it is one of `fields` (flat forms: unit, person).
export function useApiFieldErrors(
  form: FormInstance,
  fields: string[] | ((path: string) => FieldName | null),
  extra?: { staleText?: string },
): ApiFieldErrors {
  const { t, pick, lang } = useI18n();
  const errorText = useErrorText();
  const [problem, setProblem] = useState<string | null>(null);
  const [others, setOthers] = useState<string[]>([]);
  const fieldOf = useMemo(
    () =>
      typeof fields === 'function'
        ? fields
        : (path: string) => {
            const name = path.replace(/^body\./, '');
            return fields.includes(name) ? name : null;
          },
    // The list is a constant of each form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const clear = useCallback(() => {
    setProblem(null);
    setOthers([]);
  }, []);

  const report = useCallback(
    (e: unknown): FieldName[] => {
      const stale = e instanceof ApiError && e.status === 409 && e.details.some((d) => d.path === 'version');
      const byField = new Map<string, { name: FieldName; errors: string[] }>();
      const rest: string[] = [];
      if (e instanceof ApiError && !stale)
        for (const d of e.details) {
          const text = problemText(d.problem, lang, pick);
          const name = d.path ? fieldOf(d.path) : null;
          if (name === null) {
            rest.push(d.path ? `${d.path}: ${text}` : text);
            continue;
          }
          const key = JSON.stringify(name);
          const entry = byField.get(key) ?? { name, errors: [] };
          entry.errors.push(text);
          byField.set(key, entry);
        }
      form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
      const base = stale && extra?.staleText ? extra.staleText : errorText(e);
      setProblem(byField.size ? `${base}. ${t('common.fixFields')}` : base);
      setOthers(rest);
      return [...byField.values()].map((v) => v.name);
    },
    [form, fieldOf, lang, pick, t, errorText, extra?.staleText],
  );

  const alert = problem ? (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={problem}
      description={others.length ? <ul>{others.map((o) => <li key={o}>{o}</li>)}</ul> : undefined}
      style={{ marginBottom: 16 }}
      data-testid="form-error"
    />
  ) : null;

  return { report, clear, alert };
}
