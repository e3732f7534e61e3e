// The restructuring actions on a unit's page, for the administrators of its scope only: move it under another
// parent, merge it with other units, split it into parts (docs/organization.md "Restructuring operations"). Each
// dialog ends with a confirmation in plain words; the history stays (the tree page shows any past day). The
// dialogs' code (components/unit_dialogs.tsx) comes only when one is opened.
import { Button, Space } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { ALLOWED_PARENTS } from '../api/org';
import type { Unit } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { useAdministers } from './admin_scope';
import type { UnitDialogKind } from './unit_dialogs';

// Fetched as soon as the buttons show (administrators only) and then rendered at once: a lazy component waits at
// least React's 300 ms Suspense reveal throttle even when its code is already here.
let dialogs: typeof import('./unit_dialogs') | undefined;
const loadDialogs = () => import('./unit_dialogs').then((m) => (dialogs = m));
const LazyDialog = lazy(() => loadDialogs().then((m) => ({ default: m.UnitDialog })));

export function UnitActions({ unit }: { unit: Unit }) {
  const { t } = useI18n();
  const admin = useAdministers(unit);
  const [open, setOpen] = useState<UnitDialogKind | null>(null);
  useEffect(() => {
    if (admin) loadDialogs().catch(() => undefined); // a failure shows when a dialog is opened
  }, [admin]);
  if (!admin || unit.dissolved_on) return null;
  const movable = ALLOWED_PARENTS[unit.kind].length > 0;
  return (
    <>
      <Space wrap data-testid="unit-actions">
        {movable && (
          <Button onClick={() => setOpen('move')} data-testid="unit-move">
            {t('org.move')}
          </Button>
        )}
        <Button onClick={() => setOpen('merge')} data-testid="unit-merge">
          {t('org.merge')}
        </Button>
        {unit.kind !== 'province_committee' && (
          <Button onClick={() => setOpen('split')} data-testid="unit-split">
            {t('org.split')}
          </Button>
        )}
      </Space>
      {open &&
        (dialogs ? (
          <dialogs.UnitDialog kind={open} unit={unit} onClose={() => setOpen(null)} />
        ) : (
          <Suspense fallback={null}>
            <LazyDialog kind={open} unit={unit} onClose={() => setOpen(null)} />
          </Suspense>
        ))}
    </>
  );
}
