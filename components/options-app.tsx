import { useState } from 'preact/hooks';
import { createTranslator, pickUiLanguage, type UiLanguage } from '../lib/i18n/ui-messages';
import { GeneralSettings } from './options/general-settings';

/**
 * The options page: one section per area, each in components/options/. Sections take the translator so the
 * whole page switches language together.
 */
export function OptionsApp() {
  const [language, setLanguage] = useState<UiLanguage | 'auto'>('auto');
  const uiLanguage = pickUiLanguage(navigator.languages, language);
  const t = createTranslator(uiLanguage);

  return (
    <main class="options" lang={uiLanguage}>
      <h1>{t('options.title')}</h1>
      <GeneralSettings t={t} onLanguageChange={setLanguage} />
      {/* Feature sections follow: dialer origins, compliance, notes and retention. */}
    </main>
  );
}
