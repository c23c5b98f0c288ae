import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enAdmin from '../locales/en/admin.json';
import enCommon from '../locales/en/common.json';
import enPortal from '../locales/en/portal.json';
import enSite from '../locales/en/site.json';
import ukAdmin from '../locales/uk/admin.json';
import ukCommon from '../locales/uk/common.json';
import ukPortal from '../locales/uk/portal.json';
import ukSite from '../locales/uk/site.json';
import type { Locale } from './types';

const STORAGE_KEY = 'clinicflow.language';

/** The visitor's choice if they made one, else the browser's languages, else Ukrainian. */
export function initialLanguage(): Locale {
  const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (stored === 'uk' || stored === 'en') return stored;
  const preferred = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [];
  for (const language of preferred) {
    const base = language.toLowerCase().slice(0, 2);
    if (base === 'uk' || base === 'en') return base;
  }
  return 'uk';
}

export function setLanguage(locale: Locale): void {
  localStorage.setItem(STORAGE_KEY, locale);
  void i18n.changeLanguage(locale);
}

void i18n.use(initReactI18next).init({
  resources: {
    uk: { common: ukCommon, site: ukSite, portal: ukPortal, admin: ukAdmin },
    en: { common: enCommon, site: enSite, portal: enPortal, admin: enAdmin },
  },
  lng: initialLanguage(),
  fallbackLng: 'uk',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
});

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});
document.documentElement.lang = i18n.language;

export { i18n };
