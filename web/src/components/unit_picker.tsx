// A searchable unit picker for the restructuring dialogs: current units in the caller's scope of the given kinds
// (the kinds the operation allows there), searched by name or code without diacritics on the server, minus `exclude`.
// `onUnits` hands the chosen units back (their names for the confirmation).
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { Unit, UnitKind } from '../api/types';
import { useI18n } from '../i18n/i18n';

type Value = number | number[] | undefined;

export function UnitPicker({
  kinds,
  exclude = [],
  multiple = false,
  value,
  onChange,
  onUnits,
  testId,
  id,
}: {
  kinds?: UnitKind[];
  exclude?: number[];
  multiple?: boolean;
  value?: Value;
  onChange?: (v: Value) => void;
  onUnits?: (units: Unit[]) => void;
  testId?: string;
  id?: string;
}) {
  const { t } = useI18n();
  const [found, setFound] = useState<Unit[]>([]);
  const [chosen, setChosen] = useState<Unit[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  const find = async (q: string) => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      // One request per allowed kind (the list filters by one kind), merged in the server's name order per kind.
      const pages = await Promise.all(
        (kinds?.length ? kinds : [undefined]).map((kind) =>
          api.units({ q: q.trim() || undefined, kind, page_size: 20 }).catch(() => null),
        ),
      );
      if (mine !== seq.current) return;
      const units = pages.flatMap((p) => p?.items ?? []).filter((u) => !exclude.includes(u.id));
      setFound(units.sort((a, b) => a.name.localeCompare(b.name, 'vi')));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  };

  // A value set from outside (the person's cell) is shown by its name.
  const ids = value === undefined ? [] : Array.isArray(value) ? value : [value];
  useEffect(() => {
    const missing = ids.filter((i) => !chosen.some((u) => u.id === i) && !found.some((u) => u.id === i));
    if (!missing.length) return;
    let cancelled = false;
    Promise.all(missing.map((i) => api.unit(i)))
      .then((us) => !cancelled && setChosen((c) => [...c, ...us]))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(ids)]);

  const known = [...chosen, ...found.filter((u) => !chosen.some((c) => c.id === u.id))];
  const options = known
    .filter((u) => ids.includes(u.id) || found.some((f) => f.id === u.id))
    .map((u) => ({ value: u.id, label: `${u.name} (${u.code})`, title: u.name }));

  const change = (v: Value) => {
    const picked = v === undefined ? [] : Array.isArray(v) ? v : [v];
    const units = picked.map((i) => known.find((u) => u.id === i)).filter((u): u is Unit => !!u);
    setChosen(units);
    onChange?.(v);
    onUnits?.(units);
  };

  return (
    <Select<Value>
      id={id}
      mode={multiple ? 'multiple' : undefined}
      showSearch={{ filterOption: false, onSearch: find }}
      value={value}
      onChange={change}
      onFocus={() => found.length === 0 && find('')}
      options={options}
      loading={loading}
      allowClear
      placeholder={t('org.unitSearch')}
      notFoundContent={loading ? t('common.loading') : t('org.noUnit')}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
