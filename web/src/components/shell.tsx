// Header (title, navigation, language switch, who is signed in, sign-out) and the main region. The header wraps
// on narrow screens instead of hiding links behind a menu: every action stays one tap away.
import { Button, Layout } from 'antd';
import type { ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n';
import type { Account } from '../api/types';
import type { TextKey } from '../i18n/dict';
import { useSession } from '../session/session';

// The navigation, in the order of the work: one entry per area, shown to the roles that use it. The meeting,
// appraisal and decision screens are reached from the cycle page of the unit; a member's own pages are here.
const NAV: { to: string; label: TextKey; shows: (a: Account | null) => boolean }[] = [
  { to: '/', label: 'nav.home', shows: () => true },
  { to: '/my-reviews', label: 'nav.myReviews', shows: (a) => a?.person_id != null },
  { to: '/my-results', label: 'nav.myResults', shows: (a) => a?.person_id != null },
  // Every party member votes at her cell's meeting (the secretary too): the ballot page is one tap from anywhere.
  { to: '/ballot', label: 'ballot.title', shows: (a) => a?.person_id != null },
  { to: '/cycles', label: 'nav.cycles', shows: (a) => !!a && a.roles.some((g) => g.role !== 'member') },
  { to: '/units', label: 'nav.tree', shows: (a) => !!a && a.roles.some((g) => g.role !== 'member') },
  { to: '/statistics', label: 'nav.statistics', shows: (a) => !!a && a.roles.some((g) => g.role !== 'member') },
  { to: '/accounts', label: 'nav.accounts', shows: (a) => !!a && a.roles.some((g) => g.role === 'administrator') },
];

export function Shell({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n();
  const { account, signOut } = useSession();
  const navigate = useNavigate();
  return (
    <Layout className="shell">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="shell-header">
        <NavLink to="/" className="shell-brand">
          {t('app.title')}
        </NavLink>
        <nav className="shell-nav" aria-label={t('nav.menu')}>
          {NAV.filter((item) => item.shows(account)).map((item) => (
            <NavLink key={item.to} to={item.to} end={item.to === '/'}>
              {t(item.label)}
            </NavLink>
          ))}
        </nav>
        <div className="shell-user">
          <span className="shell-name" data-testid="signed-in-as">
            {account?.display_name}
          </span>
          <Button
            onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
            lang={lang === 'vi' ? 'en' : 'vi'}
            aria-label={`${t('lang.label')}: ${t('lang.switch')}`}
          >
            {t('lang.switch')}
          </Button>
          <Button
            onClick={async () => {
              await signOut();
              navigate('/sign-in');
            }}
          >
            {t('nav.signOut')}
          </Button>
        </div>
      </header>
      <main id="main" className="shell-main" tabIndex={-1}>
        {children}
      </main>
    </Layout>
  );
}
