import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { OptionsClients } from '../lib/extension/pages/clients';
import { OptionsClientsContext } from './options-clients';
import { createTranslator, pickUiLanguage, type Translate, type UiLanguage } from '../lib/i18n/ui-messages';
import { ComplianceSettings } from './options/compliance-settings';
import { DetectionSettings } from './options/detection-settings';
import { GeneralSettings } from './options/general-settings';
import { NotesSettings } from './options/notes-settings';
import { OptionsNav } from './options/options-nav';
import { PackEditor } from './options/pack-editor';
import { PacksSettings } from './options/packs-settings';
import { SettingsFileSection } from './options/settings-file-section';
import { TeamSettings } from './options/team-settings';
import { useHashView, VIEW_LABELS, type OptionsView } from './options/topics';
import './options/options.css';
import { readUiLanguageInForce } from '../lib/extension/shared/ui-language';

/**
 * The options page: a navigation by topic and one view per topic, addressed by the URL hash so a link or a
 * reload keeps the topic. Sections live in components/options/ and take the translator so the whole page
 * switches language together, and their clients from the one context the entry point provides.
 */
export function OptionsApp({ clients, initialLanguage = 'auto' }: { clients: OptionsClients; initialLanguage?: UiLanguage | 'auto' }) {
  // The entry point reads the language in force before the first render (no English flash for a zh-CN agent).
  const [language, setLanguage] = useState<UiLanguage | 'auto'>(initialLanguage);
  useEffect(() => {
    // The policy, had it not answered before the first render (a cold browser), decides once it does.
    void readUiLanguageInForce().then(setLanguage, () => undefined);
  }, []);
  const uiLanguage = pickUiLanguage(navigator.languages, language);
  const t = createTranslator(uiLanguage);
  const view = useHashView();
  const main = useRef<HTMLElement>(null);
  const shown = useRef<OptionsView | undefined>(undefined);

  // Before the first paint, so the document's language and title never lag what is on screen (screen readers pick
  // their voice from lang).
  useLayoutEffect(() => {
    document.title = `${t(VIEW_LABELS[view])} · ${t('options.title')}`;
    document.documentElement.lang = uiLanguage;
  }, [view, uiLanguage]);

  useEffect(() => {
    // After the agent chose a topic, focus moves to its heading so keyboard and screen-reader users land in it;
    // the first view of a page load keeps the browser's own focus.
    if (shown.current !== undefined && shown.current !== view) {
      const heading = main.current?.querySelector<HTMLElement>('.options-view:not([hidden]) h2');
      heading?.setAttribute('tabindex', '-1');
      heading?.focus();
    }
    shown.current = view;
  }, [view]);

  return (
    <OptionsClientsContext.Provider value={clients}>
      <div class={view === 'pack-editor' ? 'options-app options-app--editor' : 'options-app'} lang={uiLanguage}>
        <a class="options-skip" href="#options-main" onClick={skipToMain}>
          {t('options.skipToContent')}
        </a>
        <header class="options-header">
          <p class="options-brand">{t('options.title')}</p>
          <OptionsNav t={t} current={view} />
        </header>
        <main id="options-main" class="options-main" ref={main} tabIndex={-1}>
          <OptionsViewContent view={view} t={t} language={uiLanguage} onLanguageChange={setLanguage} />
        </main>
      </div>
    </OptionsClientsContext.Provider>
  );
}

/** The skip link moves focus without changing the hash (the hash names the topic). */
function skipToMain(event: MouseEvent) {
  event.preventDefault();
  document.getElementById('options-main')?.focus();
}

/** The section each topic other than "You" shows (the pack editor also takes the pack language). */
const SECTIONS: Record<Exclude<OptionsView, 'you'>, (t: Translate, language: UiLanguage) => ComponentChildren> = {
  dialers: (t) => <DetectionSettings t={t} />,
  compliance: (t) => <ComplianceSettings t={t} />,
  notes: (t) => <NotesSettings t={t} />,
  packs: (t) => <PacksSettings t={t} />,
  'pack-editor': (t, language) => <PackEditor t={t} language={language} />,
  team: (t) => <TeamSettings t={t} />,
};

/**
 * One topic's sections. "You" stays mounted (hidden) on other topics: it reads the saved interface language,
 * which the whole page follows, whichever topic a link opens.
 */
function OptionsViewContent({
  view,
  t,
  language,
  onLanguageChange,
}: {
  view: OptionsView;
  t: Translate;
  language: UiLanguage;
  onLanguageChange(language: UiLanguage | 'auto'): void;
}) {
  return (
    <>
      <div class="options-view" hidden={view !== 'you'}>
        <GeneralSettings t={t} onLanguageChange={onLanguageChange} />
        {/* Teams without a policy hand settings around as a file: it belongs with the agent's own settings. */}
        <SettingsFileSection t={t} />
      </div>
      {view !== 'you' && (
        <div key={view} class={view === 'pack-editor' ? 'options-view options-view--wide' : 'options-view'}>
          {SECTIONS[view](t, language)}
        </div>
      )}
    </>
  );
}
