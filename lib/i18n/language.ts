/** Supported UI languages. */
export type UiLanguage = 'en' | 'zh-CN';

/** The UI languages, in the order the settings list them. */
export const UI_LANGUAGES: readonly UiLanguage[] = ['zh-CN', 'en'];

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
