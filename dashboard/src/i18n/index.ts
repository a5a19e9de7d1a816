// Korean and English. The choice is remembered in localStorage; the first visit follows navigator.language.
import { createI18n } from 'vue-i18n';
import en from './en.json';
import ko from './ko.json';
import { readStored, writeStored } from '../lib/storage';

export type Locale = 'en' | 'ko';
export const LOCALES: readonly Locale[] = ['en', 'ko'];
const STORAGE_KEY = 'techmap.locale';

const isLocale = (v: unknown): v is Locale => v === 'en' || v === 'ko';

export function initialLocale(): Locale {
  const stored = readStored<Locale | null>(STORAGE_KEY, null, (v): v is Locale | null => v === null || isLocale(v));
  if (stored) return stored;
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language];
  return langs.some((l) => l?.toLowerCase().startsWith('ko')) ? 'ko' : 'en';
}

export type MessageSchema = typeof en;

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages: { en, ko },
  missingWarn: false,
  fallbackWarn: false,
});

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  writeStored(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

document.documentElement.lang = i18n.global.locale.value;
