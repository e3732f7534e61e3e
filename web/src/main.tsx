import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App, preloadPage } from './app';
import { I18nProvider } from './i18n/i18n';
import { SessionProvider, startSessionRequest } from './session/session';
import './styles.css';

// The first render waits for the page's code (downloading beside this entry) and, when nobody is signed in, the
// sign-in page's: rendered before its code is here, a page suspends and React holds its spinner for at least 300 ms.
const session = startSessionRequest();
const firstPage = Promise.all([
  preloadPage(window.location.pathname, window.location.search),
  session.catch(() => preloadPage('/sign-in', '')),
]);

firstPage.then(() => createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
));
