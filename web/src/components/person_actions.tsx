// On a member's page, for the administrators of the member's cell: move them to another cell from a date, and their
// leadership and management posts (list with past ones, add one, end one). Each change is confirmed in plain words
// first; the server refuses bad input naming the field, which appears under it.
// The dialogs (components/person_dialogs.tsx) come only when one is opened.
import { Button, Card, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { orgApi } from '../api/org';
import type { PersonDetail, Post } from '../api/types';
import { formatDate } from '../format';
import { useI18n } from '../i18n/i18n';
import { useAdministers } from './admin_scope';
import { Show, useLoad } from './load';
import type { PersonDialogProps } from './person_dialogs';
import { UnitName } from './unit_name';

// Fetched as soon as an administrator's buttons show, then rendered at once (as components/unit_actions.tsx).
let dialogs: typeof import('./person_dialogs') | undefined;
const loadDialogs = () => import('./person_dialogs').then((m) => (dialogs = m));
const LazyDialog = lazy(() => loadDialogs().then((m) => ({ default: m.PersonDialog })));

function Dialog(props: PersonDialogProps) {
  if (dialogs) return <dialogs.PersonDialog {...props} />;
  return (
    <Suspense fallback={null}>
      <LazyDialog {...props} />
    </Suspense>
  );
}

export function PersonMoveButton({ person, onChanged }: { person: PersonDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const admin = useAdministers(person.unit_id);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (admin) loadDialogs().catch(() => undefined); // a failure shows when a dialog is opened
  }, [admin]);
  if (!admin || person.unit_id === null) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="person-move">
        {t('org.personMove')}
      </Button>
      {open && (
        <Dialog
          kind="move"
          person={person}
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            onChanged();
          }}
        />
      )}
    </>
  );
}

// The member's posts, past ones too; an administrator adds one or ends a current one.
export function PostsCard({ person }: { person: PersonDetail }) {
  const { t } = useI18n();
  const admin = useAdministers(person.unit_id);
  const posts = useLoad(() => orgApi.posts(person.id, true), [person.id, person.version]);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<Post | null>(null);
  useEffect(() => {
    if (admin) loadDialogs().catch(() => undefined);
  }, [admin]);
  return (
    <Card
      title={<h2 className="card-title">{t('person.posts')}</h2>}
      extra={
        admin && (
          <Button onClick={() => setAdding(true)} data-testid="post-add">
            {t('org.postAdd')}
          </Button>
        )
      }
    >
      <Show loaded={posts}>
        {(items) =>
          items.length === 0 ? (
            <Typography.Text>{t('person.noPosts')}</Typography.Text>
          ) : (
            <Table<Post>
              rowKey="id"
              dataSource={items}
              pagination={false}
              scroll={{ x: true }}
              data-testid="posts"
              columns={[
                {
                  title: t('person.title'),
                  dataIndex: 'title',
                  render: (title: string, p) => (
                    <span data-testid="post-title">
                      {title} {p.is_head && <Tag>{t('org.head')}</Tag>}
                    </span>
                  ),
                },
                { title: t('unit.name'), dataIndex: 'unit_id', render: (id: number) => <UnitName id={id} /> },
                { title: t('person.from'), dataIndex: 'valid_from', render: formatDate },
                {
                  title: t('person.to'),
                  dataIndex: 'valid_to',
                  render: (d: string | null) => (d ? formatDate(d) : t('person.current')),
                },
                ...(admin
                  ? [
                      {
                        title: '',
                        key: 'end',
                        render: (_: unknown, p: Post) =>
                          p.valid_to === null && (
                            <Button onClick={() => setEnding(p)} data-testid="post-end">
                              {t('org.postEnd')}
                            </Button>
                          ),
                      },
                    ]
                  : []),
              ]}
            />
          )
        }
      </Show>
      {adding && (
        <Dialog
          kind="addPost"
          person={person}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            posts.reload();
          }}
        />
      )}
      {ending && (
        <Dialog
          kind="endPost"
          person={person}
          post={ending}
          onClose={() => setEnding(null)}
          onDone={() => {
            setEnding(null);
            posts.reload();
          }}
        />
      )}
    </Card>
  );
}
