import type { UiLanguage } from '../../i18n/language.ts';

/** The built-in packs' ids, kept apart from their content so the worker can name them without bundling them. */
export const BUILT_IN_PACK_IDS = { cnCardLoan: 'onscript.cn-card-loan', usCollections: 'onscript.us-collections' } as const;

/** The id of the built-in pack a UI language starts with when the pack setting is `auto`. */
export function defaultPackIdFor(language: UiLanguage): string {
  return language === 'zh-CN' ? BUILT_IN_PACK_IDS.cnCardLoan : BUILT_IN_PACK_IDS.usCollections;
}

/** The package path the build writes the built-in packs to, as JSON, for the worker (wxt.config.ts). */
export const BUILT_IN_PACKS_PATH = 'packs/built-in.json';
