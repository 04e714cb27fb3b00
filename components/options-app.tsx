import { useState } from 'preact/hooks';
import type { OptionsClients } from '../lib/extension/pages/clients';
import { OptionsClientsContext } from './options-clients';
import { createTranslator, pickUiLanguage, type UiLanguage } from '../lib/i18n/ui-messages';
import { ComplianceSettings } from './options/compliance-settings';
import { DetectionSettings } from './options/detection-settings';
import { GeneralSettings } from './options/general-settings';
import { NotesSettings } from './options/notes-settings';
import { PackEditor } from './options/pack-editor';
import { PacksSettings } from './options/packs-settings';
import { SettingsFileSection } from './options/settings-file-section';
import { TeamSettings } from './options/team-settings';

/**
 * The options page: one section per area, each in components/options/. Sections take the translator so the
 * whole page switches language together, and their clients from the one context the entry point provides.
 */
export function OptionsApp({ clients }: { clients: OptionsClients }) {
  const [language, setLanguage] = useState<UiLanguage | 'auto'>('auto');
  const uiLanguage = pickUiLanguage(navigator.languages, language);
  const t = createTranslator(uiLanguage);

  return (
    <OptionsClientsContext.Provider value={clients}>
      <main class="options" lang={uiLanguage}>
        <h1>{t('options.title')}</h1>
        <GeneralSettings t={t} onLanguageChange={setLanguage} />
        {/* Feature sections follow: dialer origins, compliance, notes and retention. */}
        <DetectionSettings t={t} />
        <ComplianceSettings t={t} />
        <NotesSettings t={t} />
        <PacksSettings t={t} />
        <TeamSettings t={t} />
        <SettingsFileSection t={t} />
        <PackEditor t={t} language={uiLanguage} />
      </main>
    </OptionsClientsContext.Provider>
  );
}
