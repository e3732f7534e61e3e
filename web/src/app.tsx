// The app shell: Ant Design in the chosen language with a large, high-contrast theme (users include older cell
// secretaries on phones), the routes, and the sign-in guard.
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { lazy, Suspense, useState, type ComponentType } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { api, prefetch } from './api/client';
import { ACCOUNTS_PAGE } from './api/accounts';
import { CYCLES_PAGE, statisticsQuery } from './api/stats';
import type { Cycle, Page, Session } from './api/types';
import { Shell } from './components/shell';
import { useI18n } from './i18n/i18n';
import { useSession } from './session/session';

// Every page is its own chunk, fetched when first visited: the first page ships only the shell and itself.
// `data` asks for the page's first reads early (api/client.ts prefetch), beside its chunk, when the app opens on it.
type EarlyData = (m: RegExpExecArray, search: URLSearchParams, session: Promise<Session>) => unknown;
const preloads: [RegExp, () => Promise<unknown>, EarlyData | undefined][] = [];
function page<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
  path: RegExp,
  data?: EarlyData,
) {
  // Once the page's code is here it renders at once: React shows a lazy page's Suspense fallback for at least
  // 300 ms once shown (its reveal throttle), which was a third of a cold first load (the code is preloaded beside
  // the entry and has normally arrived before the session answers).
  let loaded: ComponentType | undefined;
  const loadOnce = () =>
    load().then((m) => {
      loaded = m[name];
      return m;
    });
  preloads.push([path, loadOnce, data]);
  const Lazy = lazy(() => loadOnce().then((m): { default: ComponentType } => ({ default: m[name] })));
  // Chosen once per mounted page: switching from Lazy to the loaded component on a later render would remount the
  // page and lose its state (an open dialog, a form being filled).
  return function Page() {
    const [Component] = useState<ComponentType>(() => loaded ?? Lazy);
    return <Component />;
  };
}
// The home page's first reads (pages/home.tsx: the to-do with each open cycle's progress, the roles, the scope
// counts), asked as soon as the session is known instead of after the page's code has arrived and rendered.
const HomePage = page(() => import('./pages/home'), 'HomePage', /^\/$/, (_m, _q, session) =>
  session.then(({ account }) => {
    if (account.person_id !== null) prefetch('/me/reviews');
    for (const id of new Set(account.roles.map((g) => g.unit_id))) prefetch(`/units/${id}`);
    const grants = account.roles.filter((g) => g.role !== 'member');
    for (const id of new Set(grants.map((g) => g.unit_id))) {
      prefetch('/people', { unit_id: id, page_size: 1 });
      prefetch<Page<Cycle>>('/cycles', { unit_id: id, page_size: 10 }).then((cycles) =>
        cycles.items
          .filter((c) => c.status === 'open')
          .forEach((c) => prefetch(`/cycles/${c.id}/progress`, { unit_id: id })),
      ).catch(() => {});
    }
    if (grants.some((g) => g.role !== 'cell_secretary')) prefetch('/units', { page_size: 1 });
  }),
);
const SignInPage = page(() => import('./pages/sign_in'), 'SignInPage', /^\/sign-in$/);
const TreePage = page(() => import('./pages/tree'), 'TreePage', /^\/units$/);
const UnitFormPage = page(() => import('./pages/unit_form'), 'UnitFormPage', /^\/units\/(new|\d+\/edit)$/);
const UnitPage = page(() => import('./pages/unit'), 'UnitPage', /^\/units\/\d+$/);
const PersonFormPage = page(() => import('./pages/person_form'), 'PersonFormPage', /^\/people\/(new|\d+\/edit)$/);
const PersonPage = page(() => import('./pages/person'), 'PersonPage', /^\/people\/\d+$/);
const MyReviewsPage = page(() => import('./pages/my_reviews'), 'MyReviewsPage', /^\/my-reviews$/);
const StatementPage = page(() => import('./pages/statement'), 'StatementPage', /^\/reviews\/\d+$/);
const CyclesPage = page(() => import('./pages/cycles'), 'CyclesPage', /^\/cycles$/);
const CycleFormPage = page(() => import('./pages/cycle_form'), 'CycleFormPage', /^\/cycles\/new$/);
const CyclePage = page(() => import('./pages/cycle'), 'CyclePage', /^\/cycles\/\d+$/);
const AppraisalPage = page(() => import('./pages/appraisal'), 'AppraisalPage', /^\/cycles\/\d+\/appraisal$/);
const DecisionPage = page(() => import('./pages/decision'), 'DecisionPage', /^\/cycles\/\d+\/decide$/);
const ComplaintsPage = page(() => import('./pages/complaints'), 'ComplaintsPage', /^\/cycles\/\d+\/complaints$/);
const DecisionRecordPage = page(() => import('./pages/decision_record'), 'DecisionRecordPage', /^\/decisions\/\d+$/);
const ResultsPage = page(() => import('./pages/results'), 'ResultsPage', /^\/my-results$/);
const ReviewResultPage = page(() => import('./pages/results_review'), 'ReviewResultPage', /^\/reviews\/\d+\/result$/);
// The cell's review meeting (issue 5): convene, run, minutes; the member's secret ballot.
const MeetingNewPage = page(() => import('./pages/meeting_new'), 'MeetingNewPage', /^\/meetings\/new$/);
const MeetingPage = page(() => import('./pages/meeting'), 'MeetingPage', /^\/meetings\/\d+$/);
const MeetingMinutesPage = page(() => import('./pages/meeting_minutes'), 'MeetingMinutesPage', /^\/meetings\/\d+\/minutes$/);
const BallotPage = page(() => import('./pages/meeting_ballot'), 'BallotPage', /^\/ballot$/);
// Upper levels' statistics and the administration of accounts (webupper).
const StatisticsPage = page(() => import('./pages/statistics'), 'StatisticsPage', /^\/statistics\/(\d+)$/, (m, q) => {
  prefetch(...statisticsQuery(Number(m[1]), q.get('year') ? Number(q.get('year')) : undefined));
  prefetch('/cycles', { unit_id: Number(m[1]), page_size: CYCLES_PAGE });
});
const StatisticsHomePage = page(() => import('./pages/statistics'), 'StatisticsHomePage', /^\/statistics$/);
const AccountsPage = page(() => import('./pages/accounts'), 'AccountsPage', /^\/accounts$/, (_, q, session) =>
  session.then(({ account }) => {
    const unitId = Number(q.get('unit_id')) || account.roles.find((g) => g.role === 'administrator')?.unit_id;
    prefetch('/accounts', { unit_id: unitId, page: Number(q.get('page')) || 1, page_size: ACCOUNTS_PAGE });
  }),
);
const NotFoundPage = page(() => import('./pages/not_found'), 'NotFoundPage', /$^/);

// The page of the address the app opens on starts loading at once, beside the session request, rather than after
// it (module imports are cached: the route's lazy() reuses the same download). Settles when the page's code is
// here (or failed to come: the page's lazy() then reports it).
export function preloadPage(pathname: string, search: string): Promise<unknown> {
  for (const [re, load, data] of preloads) {
    const m = re.exec(pathname);
    if (!m) continue;
    const code = load().catch(() => {});
    // Failures (no session: the sign-in follows) are the page's own requests to report.
    if (data) Promise.resolve(data(m, new URLSearchParams(search), api.session())).catch(() => {});
    return code;
  }
  return Promise.resolve();
}

function Loading() {
  return (
    <div style={{ padding: 32, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

const theme = {
  token: {
    colorPrimary: '#a8071a',
    colorLink: '#0b4f9c',
    // antd's default error red is 3.3:1 on white; this one passes WCAG AA for small text.
    colorError: '#b3261e',
    colorText: '#141414',
    colorTextSecondary: '#3a3a3a',
    colorTextDescription: '#3a3a3a',
    colorBorder: '#8c8c8c',
    fontSize: 17,
    fontSizeLG: 19,
    controlHeight: 44,
    controlHeightLG: 52,
    borderRadius: 6,
    fontFamily:
      "'Noto Sans', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif",
  },
  components: {
    Table: { cellPaddingBlock: 12 },
    Tree: { titleHeight: 40 },
  },
};

function RequireSession({ children }: { children: React.ReactNode }) {
  const { account, loading } = useSession();
  const location = useLocation();
  if (loading)
    return (
      <div className="page-center">
        <Spin size="large" />
      </div>
    );
  if (!account) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return (
    <Shell>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </Shell>
  );
}

export function App() {
  const { lang } = useI18n();
  dayjs.locale(lang === 'vi' ? 'vi' : 'en');
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={theme}>
      <AntApp>
        <Routes>
          <Route
            path="/sign-in"
            element={
              <Suspense fallback={<Loading />}>
                <SignInPage />
              </Suspense>
            }
          />
          <Route path="/" element={<RequireSession><HomePage /></RequireSession>} />
          <Route path="/units" element={<RequireSession><TreePage /></RequireSession>} />
          <Route path="/units/new" element={<RequireSession><UnitFormPage /></RequireSession>} />
          <Route path="/units/:id" element={<RequireSession><UnitPage /></RequireSession>} />
          <Route path="/units/:id/edit" element={<RequireSession><UnitFormPage /></RequireSession>} />
          <Route path="/people/new" element={<RequireSession><PersonFormPage /></RequireSession>} />
          <Route path="/people/:id" element={<RequireSession><PersonPage /></RequireSession>} />
          <Route path="/people/:id/edit" element={<RequireSession><PersonFormPage /></RequireSession>} />
          <Route path="/my-reviews" element={<RequireSession><MyReviewsPage /></RequireSession>} />
          <Route path="/reviews/:id" element={<RequireSession><StatementPage /></RequireSession>} />
          <Route path="/cycles" element={<RequireSession><CyclesPage /></RequireSession>} />
          <Route path="/cycles/new" element={<RequireSession><CycleFormPage /></RequireSession>} />
          <Route path="/cycles/:id" element={<RequireSession><CyclePage /></RequireSession>} />
          <Route path="/cycles/:id/appraisal" element={<RequireSession><AppraisalPage /></RequireSession>} />
          <Route path="/cycles/:id/decide" element={<RequireSession><DecisionPage /></RequireSession>} />
          <Route path="/cycles/:id/complaints" element={<RequireSession><ComplaintsPage /></RequireSession>} />
          <Route path="/decisions/:id" element={<RequireSession><DecisionRecordPage /></RequireSession>} />
          <Route path="/my-results" element={<RequireSession><ResultsPage /></RequireSession>} />
          <Route path="/reviews/:id/result" element={<RequireSession><ReviewResultPage /></RequireSession>} />
          <Route path="/meetings/new" element={<RequireSession><MeetingNewPage /></RequireSession>} />
          <Route path="/meetings/:id" element={<RequireSession><MeetingPage /></RequireSession>} />
          <Route path="/meetings/:id/minutes" element={<RequireSession><MeetingMinutesPage /></RequireSession>} />
          <Route path="/ballot" element={<RequireSession><BallotPage /></RequireSession>} />
          <Route path="/statistics" element={<RequireSession><StatisticsHomePage /></RequireSession>} />
          <Route path="/statistics/:id" element={<RequireSession><StatisticsPage /></RequireSession>} />
          <Route path="/accounts" element={<RequireSession><AccountsPage /></RequireSession>} />
          <Route path="*" element={<RequireSession><NotFoundPage /></RequireSession>} />
        </Routes>
      </AntApp>
    </ConfigProvider>
  );
}
