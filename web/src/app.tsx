// The app shell: Ant Design in the chosen language with a large, high-contrast theme (users include older cell
// secretaries on phones), the routes, and the sign-in guard.
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Shell } from './components/shell';
import { useI18n } from './i18n/i18n';
import { HomePage } from './pages/home';
import { NotFoundPage } from './pages/not_found';
import { PersonFormPage } from './pages/person_form';
import { PersonPage } from './pages/person';
import { SignInPage } from './pages/sign_in';
import { TreePage } from './pages/tree';
import { UnitFormPage } from './pages/unit_form';
import { UnitPage } from './pages/unit';
import { useSession } from './session/session';

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
  return <Shell>{children}</Shell>;
}

export function App() {
  const { lang } = useI18n();
  dayjs.locale(lang === 'vi' ? 'vi' : 'en');
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={theme}>
      <AntApp>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/" element={<RequireSession><HomePage /></RequireSession>} />
          <Route path="/units" element={<RequireSession><TreePage /></RequireSession>} />
          <Route path="/units/new" element={<RequireSession><UnitFormPage /></RequireSession>} />
          <Route path="/units/:id" element={<RequireSession><UnitPage /></RequireSession>} />
          <Route path="/units/:id/edit" element={<RequireSession><UnitFormPage /></RequireSession>} />
          <Route path="/people/new" element={<RequireSession><PersonFormPage /></RequireSession>} />
          <Route path="/people/:id" element={<RequireSession><PersonPage /></RequireSession>} />
          <Route path="/people/:id/edit" element={<RequireSession><PersonFormPage /></RequireSession>} />
          <Route path="*" element={<RequireSession><NotFoundPage /></RequireSession>} />
        </Routes>
      </AntApp>
    </ConfigProvider>
  );
}
