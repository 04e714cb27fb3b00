/**
 * The packs OnScript ships with, used until a team lead publishes one. The pages bundle them from here; the worker
 * fetches the same packs from the package (`packs/built-in.json`, written by the build from {@link DEFAULT_PACKS}),
 * so 60 KB of script text is not compiled at every start of the service worker.
 */
import type { UiLanguage } from '../../i18n/language.ts';
import type { ScriptPack } from '../types.ts';
import { cnCardLoanPack } from './cn-card-loan.ts';
import { usCollectionsPack } from './us-collections.ts';

export { cnCardLoanPack, usCollectionsPack };
export { BUILT_IN_PACK_IDS, BUILT_IN_PACKS_PATH, defaultPackIdFor } from './ids.ts';

/** Every default pack, by id. */
export const DEFAULT_PACKS: readonly ScriptPack[] = [cnCardLoanPack, usCollectionsPack];

/** {@link DEFAULT_PACKS} as the build writes them to `BUILT_IN_PACKS_PATH` for the worker (lossless: packs are JSON data). */
export function builtInPacksJson(): string {
  return JSON.stringify(DEFAULT_PACKS);
}

/** The default pack for a UI language when the setting is `auto`. */
export function defaultPackFor(language: UiLanguage): ScriptPack {
  return language === 'zh-CN' ? cnCardLoanPack : usCollectionsPack;
}
