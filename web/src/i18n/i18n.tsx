// Language state (Vietnamese first, English on request, remembered in localStorage) and the t() lookup.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, vi, type TextKey } from './dict';

export type Lang = 'vi' | 'en';

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: TextKey, vars?: Record<string, string | number>) => string;
  // API messages and problems come as "tiếng Việt / English": the part for the current language.
  pick: (bilingual: string) => string;
}

const Context = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    return localStorage.getItem('xeploai.lang') === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function pickLanguage(text: string, lang: Lang): string {
  const at = text.indexOf(' / ');
  if (at < 0) return text;
  return lang === 'vi' ? text.slice(0, at) : text.slice(at + 3);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    document.documentElement.lang = next;
    try {
      localStorage.setItem('xeploai.lang', next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const dict = lang === 'vi' ? vi : en;
    return {
      lang,
      setLang,
      t: (key, vars) => {
        let s: string = dict[key] ?? key;
        if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
        return s;
      },
      pick: (text) => pickLanguage(text, lang),
    };
  }, [lang, setLang]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
