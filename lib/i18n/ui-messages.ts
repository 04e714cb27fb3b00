import { complianceCatalog } from './catalogs/compliance';
import { coreCatalog } from './catalogs/core';
import { detectionCatalog } from './catalogs/detection';
import { editorCatalog } from './catalogs/editor';
import { notesCatalog } from './catalogs/notes';
import { packsCatalog } from './catalogs/packs';
import { scriptCatalog } from './catalogs/script';

/**
 * The UI's strings in every supported language, merged from one catalog per feature (lib/i18n/catalogs/).
 * English is the reference; every other language has exactly its keys.
 */
const en = {
  ...coreCatalog.en,
  ...scriptCatalog.en,
  ...complianceCatalog.en,
  ...notesCatalog.en,
  ...detectionCatalog.en,
  ...packsCatalog.en,
  ...editorCatalog.en,
};

/** A UI string key. */
export type UiMessageKey = keyof typeof en;

const zhCN: Record<UiMessageKey, string> = {
  ...coreCatalog['zh-CN'],
  ...scriptCatalog['zh-CN'],
  ...complianceCatalog['zh-CN'],
  ...notesCatalog['zh-CN'],
  ...detectionCatalog['zh-CN'],
  ...packsCatalog['zh-CN'],
  ...editorCatalog['zh-CN'],
};

/** Supported UI languages. */
export type UiLanguage = 'en' | 'zh-CN';

/** The UI languages, in the order the settings list them. */
export const UI_LANGUAGES: readonly UiLanguage[] = ['zh-CN', 'en'];

const catalogs: Record<UiLanguage, Record<UiMessageKey, string>> = { en, 'zh-CN': zhCN };

/** A function from key (and `{name}` parameters) to text. */
export type Translate = (key: UiMessageKey, params?: Record<string, string | number>) => string;

/** The translator for a language. */
export function createTranslator(language: UiLanguage): Translate {
  const catalog = catalogs[language];
  return (key, params) => {
    const text = catalog[key];
    return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : text;
  };
}

/**
 * The UI language: the user's setting when set, else the first browser language OnScript speaks
 * (any Chinese variant reads the zh-CN UI), else English.
 */
export function pickUiLanguage(browserLanguages: readonly string[], setting?: UiLanguage | 'auto'): UiLanguage {
  if (setting && setting !== 'auto') return setting;
  for (const tag of browserLanguages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
