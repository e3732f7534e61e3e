// The app shell: Ant Design in the chosen language with a large, high-contrast theme (users include older cell
// secretaries on phones), the routes, and the sign-in guard.
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { lazy, Suspense, type ComponentType } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Shell } from './components/shell';
import { useI18n } from './i18n/i18n';
import { useSession } from './session/session';

// Every page is its own chunk, fetched when first visited: the first page ships only the shell and itself.
const preloads: [RegExp, () => Promise<unknown>][] = [];
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K, path: RegExp) {
  preloads.push([path, load]);
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
const HomePage = page(() => import('./pages/home'), 'HomePage', /^\/$/);
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
const NotFoundPage = page(() => import('./pages/not_found'), 'NotFoundPage', /$^/);

// The page of the address the app opens on starts loading at once, beside the session request, rather than after
// it (module imports are cached: the route's lazy() reuses the same download).
export function preloadPage(pathname: string) {
  preloads.find(([re]) => re.test(pathname))?.[1]();
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
          <Route path="*" element={<RequireSession><NotFoundPage /></RequireSession>} />
        </Routes>
      </AntApp>
    </ConfigProvider>
  );
}
