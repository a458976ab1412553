/**
 * Russian first, English available (the locale menu appears in the app bar because two
 * locales are declared). Domain messages live in src/i18n.
 */
import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import russianMessages from 'ra-language-russian';
import type { TranslationMessages } from 'react-admin';
import { en } from '../i18n/en';
import { ru } from '../i18n/ru';

type Messages = Record<string, unknown>;

const isObject = (value: unknown): value is Messages =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const deepMerge = (...sources: Messages[]): Messages =>
  sources.reduce<Messages>((target, source) => {
    for (const [key, value] of Object.entries(source)) {
      target[key] = isObject(value) && isObject(target[key])
        ? deepMerge(target[key] as Messages, value)
        : value;
    }
    return target;
  }, {});

// ra-language-russian (5.4.5) trails react-admin 5.15 by a few keys; English underneath
// shows those few in English instead of as raw keys like `ra.action.select_all_button`.
const messages: Record<string, TranslationMessages> = {
  ru: deepMerge(englishMessages, russianMessages, ru) as TranslationMessages,
  en: deepMerge(englishMessages, en) as TranslationMessages,
};

export const DEFAULT_LOCALE = 'ru';

export const i18nProvider = polyglotI18nProvider(
  (locale) => messages[locale] ?? messages[DEFAULT_LOCALE],
  DEFAULT_LOCALE,
  [
    { locale: 'ru', name: 'Русский' },
    { locale: 'en', name: 'English' },
  ],
  {
    // Polyglot warns of a missing message only in development builds (through `warning`);
    // the built bundle would show the raw key in silence. Said in every build, so the
    // browser tests catch an untranslated key as a user would see it.
    onMissingKey: (key: string) => {
      console.warn(`Missing translation for key: "${key}"`);
      return key;
    },
  },
);
