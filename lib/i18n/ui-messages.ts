import type { UiLanguage } from './language';
import { complianceCatalog } from './catalogs/compliance';
import { coreCatalog } from './catalogs/core';
import { createCatalogTranslator, type CatalogTranslate } from './catalogs/define-catalog';
import { detectionCatalog } from './catalogs/detection';
import { editorCatalog } from './catalogs/editor';
import { notesCatalog } from './catalogs/notes';
import { optionsCatalog } from './catalogs/options';
import { packsCatalog } from './catalogs/packs';
import { remindersCatalog } from './catalogs/reminders';
import { scriptCatalog } from './catalogs/script';
import { teamCatalog } from './catalogs/team';

/**
 * The UI's strings in every supported language, merged from one catalog per feature (lib/i18n/catalogs/).
 * English is the reference; every other language has exactly its keys.
 */
const en = {
  ...coreCatalog.en,
  ...scriptCatalog.en,
  ...complianceCatalog.en,
  ...notesCatalog.en,
  ...remindersCatalog.en,
  ...detectionCatalog.en,
  ...packsCatalog.en,
  ...editorCatalog.en,
  ...teamCatalog.en,
  ...optionsCatalog.en,
};

/** A UI string key. */
export type UiMessageKey = keyof typeof en;

const zhCN: Record<UiMessageKey, string> = {
  ...coreCatalog['zh-CN'],
  ...scriptCatalog['zh-CN'],
  ...complianceCatalog['zh-CN'],
  ...notesCatalog['zh-CN'],
  ...remindersCatalog['zh-CN'],
  ...detectionCatalog['zh-CN'],
  ...packsCatalog['zh-CN'],
  ...editorCatalog['zh-CN'],
  ...teamCatalog['zh-CN'],
  ...optionsCatalog['zh-CN'],
};

export { pickUiLanguage, UI_LANGUAGES, type UiLanguage } from './language';

/** A function from key (and `{name}` parameters) to text. */
export type Translate = CatalogTranslate<UiMessageKey>;

/** The translator for a language, over every feature's strings. */
export function createTranslator(language: UiLanguage): Translate {
  return createCatalogTranslator({ en, 'zh-CN': zhCN }, language);
}
