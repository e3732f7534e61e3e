// A review statement as a guided form (/reviews/:id): the official form's sections, the self-score (366: 30 + 70
// points) or a 4-level rating per criterion (124/132) with running totals, the tasks with their products, the
// limitations identified and remedied, the proposed grade. Save a draft at any time; submit once, after which it is
// read-only. The member writes their own; a cell secretary may enter it on a member's behalf (?person=, a banner
// says so and the server records it). A subject without a person — the unit's own report (party organization,
// leadership collective, components/own_report) — is named by ?unit= (and ?collective=) instead; ?view=1 opens any
// statement read-only for someone who may read but not write it.
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  Tag,
  Typography,
  type FormInstance,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { DocumentDownloads } from '../components/document_downloads';
import { api, ApiError } from '../api/client';
import { useApiFieldErrors, type FieldName } from '../api/field_errors';
import {
  GRADES,
  RATINGS,
  TASK_STATUSES,
  type Grade,
  type MyReview,
  type Person,
  type Rating,
  type Statement,
  type StatementContent,
  type TaskStatus,
} from '../api/types';
import { LinkButton } from '../components/link_button';
import { DueNote } from '../components/review_bits';
import { Show, useLoad } from '../components/load';
import { useI18n } from '../i18n/i18n';
import type { TextKey } from '../i18n/dict';
import { bandOf } from '../review';
import { useSession } from '../session/session';

interface TaskValues {
  title?: string;
  status?: TaskStatus;
  exceeded?: boolean;
  key?: boolean;
  evidence?: string; // one link per line
}

interface Values {
  sections?: Record<string, string | undefined>;
  scores?: Record<string, number | null | undefined>;
  ratings?: Record<string, Rating | undefined>;
  tasks?: TaskValues[];
  limitations?: { identified?: number | null; remedied?: number | null };
  proposed?: Grade | null;
}

export function StatementPage() {
  const params = useParams();
  const [search] = useSearchParams();
  const { account } = useSession();
  const id = Number(params.id);
  const personId = search.get('person') ? Number(search.get('person')) : null;
  const unitId = search.get('unit') ? Number(search.get('unit')) : null;
  const collectiveId = search.get('collective') ? Number(search.get('collective')) : null;
  const viewOnly = search.get('view') === '1';
  const loaded = useLoad(async () => {
    const [statement, mine, person, unit, collectives] = await Promise.all([
      api.statement(id),
      account?.person_id != null ? api.myReviews() : Promise.resolve([] as MyReview[]),
      personId ? api.person(personId) : Promise.resolve(null),
      unitId ? api.unit(unitId) : Promise.resolve(null),
      unitId && collectiveId ? api.collectives(unitId).then((r) => r.items) : Promise.resolve([]),
    ]);
    // The organization whose own report this is: the collective's name, else the unit's.
    const owner = unit ? { name: collectives.find((c) => c.id === collectiveId)?.name ?? unit.name, unit: unit.name } : null;
    return { statement, review: mine.find((r) => r.id === id) ?? null, person, owner };
  }, [id, personId, unitId, collectiveId, account?.person_id]);
  return (
    <Show loaded={loaded}>
      {({ statement, review, person, owner }) => (
        <StatementForm
          key={`${statement.subject_id}-${statement.version}`}
          initial={statement}
          review={review}
          person={person}
          owner={owner}
          viewOnly={viewOnly}
          onReload={loaded.reload}
        />
      )}
    </Show>
  );
}

function toValues(s: StatementContent): Values {
  return {
    sections: { ...s.sections },
    scores: { ...s.scores },
    ratings: { ...s.ratings },
    tasks: s.tasks.map((t) => ({ ...t, evidence: t.evidence.join('\n') })),
    limitations: { ...s.limitations },
    proposed: s.proposed,
  };
}

// What the API takes: empty fields are left out (a draft may be incomplete), evidence one link a line.
function toContent(v: Values): StatementContent {
  const sections: Record<string, string> = {};
  for (const [k, text] of Object.entries(v.sections ?? {})) if (text && text.trim()) sections[k] = text;
  const scores: Record<string, number> = {};
  for (const [k, n] of Object.entries(v.scores ?? {})) if (typeof n === 'number') scores[k] = n;
  const ratings: Record<string, Rating> = {};
  for (const [k, r] of Object.entries(v.ratings ?? {})) if (r) ratings[k] = r;
  const limitations: StatementContent['limitations'] = {};
  if (typeof v.limitations?.identified === 'number') limitations.identified = v.limitations.identified;
  if (typeof v.limitations?.remedied === 'number') limitations.remedied = v.limitations.remedied;
  return {
    sections,
    scores,
    ratings,
    tasks: (v.tasks ?? []).map((t) => ({
      title: (t.title ?? '').trim(),
      status: t.status ?? 'in_progress',
      exceeded: !!t.exceeded,
      key: !!t.key,
      evidence: (t.evidence ?? '')
        .split('\n')
        .map((e) => e.trim())
        .filter(Boolean),
    })),
    limitations,
    proposed: v.proposed ?? null,
  };
}

// The form field a problem's path names ("tasks[0].evidence[1]" → the task's evidence box).
function fieldOf(statement: Statement) {
  const sectionKeys = new Set(statement.form.sections.map((s) => s.key));
  return (path: string): FieldName | null => {
    let m = /^sections\.(\w+)$/.exec(path);
    if (m) return sectionKeys.has(m[1]) ? ['sections', m[1]] : null;
    m = /^(scores|ratings)\.(\w+)$/.exec(path);
    if (m) return [m[1], m[2]];
    if (path === 'scores' || path === 'ratings') return '_scores';
    if (path === 'tasks') return '_tasks';
    m = /^tasks\[(\d+)\]\.(title|status|exceeded|key|evidence)(\[\d+\])?$/.exec(path);
    if (m) return ['tasks', Number(m[1]), m[2]];
    m = /^limitations\.(identified|remedied)$/.exec(path);
    if (m) return ['limitations', m[1]];
    if (path === 'proposed') return 'proposed';
    return null;
  };
}

function StatementForm({
  initial,
  review,
  person,
  owner,
  viewOnly,
  onReload,
}: {
  initial: Statement;
  review: MyReview | null;
  person: Person | null;
  owner: { name: string; unit: string } | null;
  viewOnly: boolean;
  onReload: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [statement, setStatement] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [stale, setStale] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const errors = useApiFieldErrors(form, fieldOf(initial));
  const f = statement.form;
  const submitted = statement.status === 'submitted';
  const readOnly = submitted || viewOnly;
  // A collective's report is written by the secretary as the collective's own, not on anyone's behalf (the server
  // still records on_behalf, as for any statement the secretary enters).
  const onBehalf = !review && !owner;
  const title = lang === 'vi' ? f.title_vi : f.title_en;

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.status === 409 && e.details.some((d) => d.path === 'version')) {
      errors.clear();
      setStale(true);
      return;
    }
    const names = errors.report(e);
    if (names.length) form.scrollToField(names[0], { behavior: 'smooth', block: 'center', focus: true });
    else window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  // Clears the problems shown beside fields before a new attempt (the server answers with the full list).
  const resetFieldErrors = () =>
    (form as FormInstance).setFields(
      form
        .getFieldsError()
        .filter((fe) => fe.errors.length)
        .map((fe) => ({ name: fe.name, errors: [] })),
    );

  const save = async (): Promise<Statement | null> => {
    errors.clear();
    resetFieldErrors();
    try {
      const saved = await api.saveStatement(statement.subject_id, {
        ...toContent(form.getFieldsValue(true)),
        version: statement.version,
      });
      setStatement(saved);
      return saved;
    } catch (e) {
      fail(e);
      return null;
    }
  };

  const saveDraft = async () => {
    setBusy(true);
    const saved = await save();
    setBusy(false);
    if (saved) message.success(t('statement.draftSaved'));
  };

  const submit = async () => {
    setConfirming(false);
    setBusy(true);
    try {
      const saved = await save();
      if (!saved) return;
      try {
        const done = await api.submitStatement(saved.subject_id, saved.version);
        setStatement(done);
        message.success(t('statement.submittedToast'));
        window.scrollTo({ top: 0, behavior: 'smooth' });
      } catch (e) {
        fail(e);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="statement">
      <Typography.Title level={1} className="page-title" style={{ fontSize: 26 }} data-testid="statement-title">
        {owner ? t('ownReport.statementTitle', { name: owner.name }) : t('statement.title')}
      </Typography.Title>
      <Typography.Paragraph className="statement-form-name">
        <strong>{title}</strong> — {t('statement.formCode', { code: f.code })}
        {f.appendix ? `, ${t('statement.appendix', { appendix: f.appendix })}` : ''}
        {owner && owner.unit !== owner.name && (
          <>
            <br />
            {owner.unit}
          </>
        )}
        {review && (
          <>
            <br />
            {t('statement.cycleLine', { year: review.year, unit: review.unit_name })}
            {review.place === 'post' && review.post_title ? ` — ${review.post_title}` : ''}
          </>
        )}
      </Typography.Paragraph>

      <Space orientation="vertical" size="middle" style={{ width: '100%', marginBottom: 16 }}>
        {onBehalf && (
          <Alert
            type="warning"
            showIcon
            data-testid="on-behalf-banner"
            title={
              person
                ? t('statement.onBehalf', { name: person.full_name })
                : t('statement.onBehalfUnknown')
            }
            description={t('statement.onBehalfNote')}
          />
        )}
        {review?.self_review_due && !readOnly && <DueNote due={review.self_review_due} />}
        {viewOnly && !submitted && (
          <Alert type="info" showIcon data-testid="view-draft-banner" title={t('ownReport.viewDraft')} />
        )}
        {submitted && (
          <Alert
            type="success"
            showIcon
            data-testid="submitted-banner"
            title={owner ? t('ownReport.submitted') : t('statement.submitted')}
            description={
              <>
                {statement.submitted_at !== null &&
                  t('statement.submittedAt', { at: formatDateTime(statement.submitted_at) })}{' '}
                {statement.on_behalf && !owner ? t('statement.wasOnBehalf') : ''} {t('statement.readOnly')}
              </>
            }
          />
        )}
        {submitted && <DocumentDownloads path={`/reviews/${statement.subject_id}/statement`} testId="statement-document" />}
        {!readOnly && statement.status === 'draft' && (
          <Typography.Text type="secondary" data-testid="draft-note">
            {t('statement.draftNote')}
            {statement.on_behalf && !onBehalf && !owner ? ` ${t('statement.draftBySecretary')}` : ''}
          </Typography.Text>
        )}
        {stale && (
          <Alert
            type="error"
            showIcon
            role="alert"
            data-testid="stale-error"
            title={t('statement.stale')}
            description={t('statement.staleHelp')}
            action={<Button onClick={onReload}>{t('statement.reload')}</Button>}
          />
        )}
        {errors.alert}
      </Space>

      {readOnly ? (
        <StatementView statement={statement} />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          size="large"
          disabled={readOnly || busy}
          initialValues={toValues(initial)}
          requiredMark={readOnly ? false : (label, { required }) => (
            <>
              {label}
              {required && (
                <span className="required-note" aria-hidden="false">
                  {' '}
                  ({t('statement.requiredToSubmit')})
                </span>
              )}
            </>
          )}
          onFinish={() => setConfirming(true)}
          scrollToFirstError
        >
          <Part number={1} title={t('statement.partSections')}>
            {f.sections.map((s) => (
              <Form.Item
                key={s.key}
                name={['sections', s.key]}
                label={lang === 'vi' ? s.title_vi : s.title_en}
                required={s.required}
              >
                <Input.TextArea rows={3} className="grow-text" data-testid={`section-${s.key}`} />
              </Form.Item>
            ))}
          </Part>

          {f.points ? <ScorePart statement={statement} /> : <RatingPart statement={statement} />}

          <TasksPart statement={statement} />

          <Part number={4} title={t('statement.partLimitations')}>
            <Typography.Paragraph type="secondary">{t('statement.limitationsHelp')}</Typography.Paragraph>
            <div className="inline-fields">
              <Form.Item name={['limitations', 'identified']} label={t('statement.identified')}>
                <InputNumber min={0} precision={0} inputMode="numeric" data-testid="limitations-identified" />
              </Form.Item>
              <Form.Item name={['limitations', 'remedied']} label={t('statement.remedied')}>
                <InputNumber min={0} precision={0} inputMode="numeric" data-testid="limitations-remedied" />
              </Form.Item>
            </div>
          </Part>

          <ProposedPart statement={statement} />

          <div className="form-actions">
            <Button size="large" onClick={saveDraft} loading={busy} disabled={busy} data-testid="save-draft">
              {t('statement.saveDraft')}
            </Button>
            <Button
              size="large"
              type="primary"
              htmlType="submit"
              loading={busy}
              disabled={busy}
              data-testid="submit-statement"
            >
              {owner ? t('ownReport.submit') : t('statement.submit')}
            </Button>
          </div>
        </Form>
      )}
      {readOnly && (
        <Space wrap style={{ marginTop: 16 }}>
          <LinkButton to="/">{t('nav.home')}</LinkButton>
        </Space>
      )}
      <Modal
        open={confirming}
        title={t('statement.confirmTitle')}
        okText={t('statement.confirmOk')}
        cancelText={t('common.cancel')}
        onOk={submit}
        onCancel={() => setConfirming(false)}
        okButtonProps={{ autoFocus: true, ...({ 'data-testid': 'confirm-submit' } as Record<string, string>) }}
      >
        <p>{owner ? t('ownReport.confirm') : onBehalf ? t('statement.confirmOnBehalf') : t('statement.confirmText')}</p>
      </Modal>
    </div>
  );
}

function formatDateTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())} ${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

function Part({ number, title, children, extra }: { number: number; title: string; children: ReactNode; extra?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Card
      className="statement-part"
      title={
        <h2 className="card-title">
          {t('statement.part', { n: number })} {title}
        </h2>
      }
      extra={extra}
      style={{ marginBottom: 16 }}
    >
      {children}
    </Card>
  );
}

// A Form.Item's child that shows nothing: the item only carries the API's problems about a whole part ("tasks").
function Anchor(_: { value?: unknown; id?: string }) {
  return null;
}

function ScorePart({ statement }: { statement: Statement }) {
  const { t, lang } = useI18n();
  const scores = Form.useWatch('scores') as Values['scores'];
  const groups = statement.form.score_groups;
  const max = groups.reduce((s, g) => s + g.max, 0);
  const filled = groups.filter((g) => typeof scores?.[g.key] === 'number');
  const total = filled.reduce((s, g) => s + (scores?.[g.key] as number), 0);
  return (
    <Part number={2} title={t('statement.partScores')}>
      <Typography.Paragraph type="secondary">{t('statement.scoresHelp')}</Typography.Paragraph>
      <Form.Item name="_scores" className="part-anchor">
        <Anchor />
      </Form.Item>
      <div className="inline-fields">
        {groups.map((g) => (
          <Form.Item
            key={g.key}
            name={['scores', g.key]}
            label={`${lang === 'vi' ? g.title_vi : g.title_en} (${t('statement.maxPoints', { max: g.max })})`}
            required
          >
            <InputNumber min={0} max={g.max} step={0.5} inputMode="decimal" data-testid={`score-${g.key}`} />
          </Form.Item>
        ))}
      </div>
      <div className="running-total" data-testid="score-total" aria-live="polite">
        {t('statement.total', { total: formatPoints(total), max: formatPoints(max) })}
        {filled.length === groups.length && (
          <>
            {' — '}
            {t('statement.band', { grade: t(`grade.${bandOf(total)}`) })}
          </>
        )}
      </div>
    </Part>
  );
}

function formatPoints(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1).replace('.', ',');
}

function RatingPart({ statement }: { statement: Statement }) {
  const { t } = useI18n();
  const ratings = Form.useWatch('ratings') as Values['ratings'];
  const criteria = statement.form.criteria;
  const counts = RATINGS.map((r) => [r, criteria.filter((c) => ratings?.[c] === r).length] as const);
  const missing = criteria.filter((c) => !ratings?.[c]).length;
  return (
    <Part number={2} title={t('statement.partRatings')}>
      <Typography.Paragraph type="secondary">{t('statement.ratingsHelp')}</Typography.Paragraph>
      <Form.Item name="_scores" className="part-anchor">
        <Anchor />
      </Form.Item>
      {criteria.map((c) => (
        <Form.Item key={c} name={['ratings', c]} label={t(`criterion.${c}` as TextKey)} required>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            className="choice-group"
            options={RATINGS.map((r) => ({ value: r, label: t(`rating.${r}`) }))}
          />
        </Form.Item>
      ))}
      <div className="running-total" data-testid="rating-total" aria-live="polite">
        {counts
          .filter(([, n]) => n > 0)
          .map(([r, n]) => `${t(`rating.${r}`)}: ${n}`)
          .join(' · ') || t('statement.noRatings')}
        {missing > 0 && ` — ${t('statement.ratingsMissing', { n: missing })}`}
      </div>
    </Part>
  );
}

function TasksPart({ statement }: { statement: Statement }) {
  const { t } = useI18n();
  const tasks = Form.useWatch('tasks') as TaskValues[] | undefined;
  const f = statement.form;
  const done = (tasks ?? []).filter((x) => x?.status === 'completed_on_time' || x?.status === 'completed_late');
  return (
    <Part number={3} title={t('statement.partTasks')}>
      <Typography.Paragraph type="secondary">
        {f.tasks_required ? t('statement.tasksRequired') : t('statement.tasksOptional')}{' '}
        {f.evidence_required ? t('statement.evidenceRequired') : ''}
      </Typography.Paragraph>
      <Form.Item name="_tasks" className="part-anchor">
        <Anchor />
      </Form.Item>
      <Form.List name="tasks">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                className="task-card"
                data-testid="task"
                title={<h3 className="task-title">{t('statement.task', { n: i + 1 })}</h3>}
                extra={
                  <Button danger onClick={() => remove(field.name)} aria-label={t('statement.removeTask', { n: i + 1 })}>
                    {t('statement.remove')}
                  </Button>
                }
              >
                <Form.Item name={[field.name, 'title']} label={t('statement.taskTitle')} required>
                  <Input data-testid={`task-${i}-title`} />
                </Form.Item>
                <Form.Item name={[field.name, 'status']} label={t('statement.taskStatus')} required>
                  <Radio.Group
                    className="choice-group"
                    optionType="button"
                    buttonStyle="solid"
                    options={TASK_STATUSES.map((s) => ({ value: s, label: t(`task.${s}`) }))}
                    data-testid={`task-${i}-status`}
                  />
                </Form.Item>
                <div className="inline-fields">
                  <Form.Item name={[field.name, 'key']} valuePropName="checked">
                    <Checkbox data-testid={`task-${i}-key`}>{t('statement.taskKey')}</Checkbox>
                  </Form.Item>
                  <Form.Item name={[field.name, 'exceeded']} valuePropName="checked">
                    <Checkbox data-testid={`task-${i}-exceeded`}>{t('statement.taskExceeded')}</Checkbox>
                  </Form.Item>
                </div>
                <Form.Item
                  name={[field.name, 'evidence']}
                  label={t('statement.evidence')}
                  extra={t('statement.evidenceHelp')}
                >
                  <Input.TextArea
                    rows={2}
                    className="grow-text"
                    spellCheck={false}
                    placeholder="https://…"
                    data-testid={`task-${i}-evidence`}
                  />
                </Form.Item>
              </Card>
            ))}
            <Button
              onClick={() => {
                add({ title: '', status: 'completed_on_time', exceeded: false, key: false, evidence: '' });
                // The new task's first field takes the focus, so the keyboard goes on from there.
                const n = fields.length;
                setTimeout(() => document.querySelector<HTMLInputElement>(`[data-testid="task-${n}-title"]`)?.focus(), 0);
              }}
              data-testid="add-task"
            >
              {t('statement.addTask')}
            </Button>
            <div className="running-total" data-testid="task-total" aria-live="polite">
              {t('statement.taskSummary', {
                n: fields.length,
                done: done.length,
                exceeded: done.filter((x) => x.exceeded).length,
              })}
            </div>
          </>
        )}
      </Form.List>
    </Part>
  );
}

function ProposedPart({ statement }: { statement: Statement }) {
  const { t } = useI18n();
  const scores = Form.useWatch('scores') as Values['scores'];
  const groups = statement.form.score_groups;
  const complete = statement.form.points && groups.every((g) => typeof scores?.[g.key] === 'number');
  const band = complete ? bandOf(groups.reduce((s, g) => s + (scores?.[g.key] as number), 0)) : null;
  return (
    <Part number={5} title={t('statement.partProposed')}>
      <Form.Item name="proposed" label={t('statement.proposed')} required extra={band ? t('statement.bandHint', { grade: t(`grade.${band}`) }) : undefined}>
        <Radio.Group className="grade-group" data-testid="proposed">
          {GRADES.map((g) => (
            <Radio key={g} value={g}>
              <span className="grade-option">
                <span>{t(`grade.${g}`)}</span> <Tag>{g}</Tag>
              </span>
            </Radio>
          ))}
        </Radio.Group>
      </Form.Item>
    </Part>
  );
}

// A submitted statement, to read: the parts as text, the figures, the tasks with their products as links.
function StatementView({ statement: s }: { statement: Statement }) {
  const { t, lang } = useI18n();
  const f = s.form;
  const total = f.score_groups.reduce((sum, g) => sum + (s.scores[g.key] ?? 0), 0);
  const max = f.score_groups.reduce((sum, g) => sum + g.max, 0);
  return (
    <div data-testid="statement-view">
      <Part number={1} title={t('statement.partSections')}>
        {f.sections.map((sec) => (
          <section key={sec.key} className="view-section">
            <h3>{lang === 'vi' ? sec.title_vi : sec.title_en}</h3>
            <p className="view-text">{s.sections[sec.key] || t('common.none')}</p>
          </section>
        ))}
      </Part>
      {f.points ? (
        <Part number={2} title={t('statement.partScores')}>
          <dl className="view-figures">
            {f.score_groups.map((g) => (
              <div key={g.key}>
                <dt>{lang === 'vi' ? g.title_vi : g.title_en}</dt>
                <dd>
                  {s.scores[g.key] !== undefined ? formatPoints(s.scores[g.key]) : t('common.none')} / {g.max}
                </dd>
              </div>
            ))}
          </dl>
          <div className="running-total" data-testid="score-total">
            {t('statement.total', { total: formatPoints(total), max: formatPoints(max) })}
          </div>
        </Part>
      ) : (
        <Part number={2} title={t('statement.partRatings')}>
          <dl className="view-figures">
            {f.criteria.map((c) => (
              <div key={c}>
                <dt>{t(`criterion.${c}` as TextKey)}</dt>
                <dd>{s.ratings[c] ? t(`rating.${s.ratings[c]}`) : t('common.none')}</dd>
              </div>
            ))}
          </dl>
        </Part>
      )}
      <Part number={3} title={t('statement.partTasks')}>
        {s.tasks.length === 0 && <p>{t('common.none')}</p>}
        <ol className="view-tasks">
          {s.tasks.map((task, i) => (
            <li key={i} data-testid="view-task">
              <strong>{task.title}</strong> — {t(`task.${task.status}`)}
              {task.key && <Tag style={{ marginLeft: 8 }}>{t('statement.taskKey')}</Tag>}
              {task.exceeded && <Tag color="green">{t('statement.taskExceeded')}</Tag>}
              {task.evidence.length > 0 && (
                <ul>
                  {task.evidence.map((e) => (
                    <li key={e}>
                      {/^https?:\/\//.test(e) ? (
                        <a href={e} target="_blank" rel="noopener noreferrer">
                          {e}
                        </a>
                      ) : (
                        e
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </Part>
      <Part number={4} title={t('statement.partLimitations')}>
        <dl className="view-figures">
          <div>
            <dt>{t('statement.identified')}</dt>
            <dd>{s.limitations.identified ?? t('common.none')}</dd>
          </div>
          <div>
            <dt>{t('statement.remedied')}</dt>
            <dd>{s.limitations.remedied ?? t('common.none')}</dd>
          </div>
        </dl>
      </Part>
      <Part number={5} title={t('statement.partProposed')}>
        <p className="view-grade" data-testid="view-proposed">
          {s.proposed ? `${t(`grade.${s.proposed}`)} (${s.proposed})` : t('common.none')}
        </p>
      </Part>
    </div>
  );
}
