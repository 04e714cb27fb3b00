import { useEffect, useState } from 'preact/hooks';
import { agentNameSetting, uiLanguageSetting } from '../lib/extension/settings';
import { createTranslator, pickUiLanguage, UI_LANGUAGES, type UiLanguage } from '../lib/i18n/ui-messages';

const LANGUAGE_NAMES: Record<UiLanguage, string> = { 'zh-CN': '简体中文', en: 'English' };

/** The options page: the agent's own settings. */
export function OptionsApp() {
  const [agentName, setAgentName] = useState('');
  const [language, setLanguage] = useState<UiLanguage | 'auto'>('auto');
  const [saved, setSaved] = useState(false);
  const t = createTranslator(pickUiLanguage(navigator.languages, language));

  useEffect(() => {
    void Promise.all([agentNameSetting.getValue(), uiLanguageSetting.getValue()]).then(([name, lang]) => {
      setAgentName(name);
      setLanguage(lang);
    });
  }, []);

  async function save(event: Event) {
    event.preventDefault();
    await Promise.all([agentNameSetting.setValue(agentName.trim()), uiLanguageSetting.setValue(language)]);
    setSaved(true);
  }

  return (
    <main class="options">
      <h1>{t('options.title')}</h1>
      <form onSubmit={save}>
        <label>
          {t('options.agentName')}
          <input
            name="agentName"
            value={agentName}
            maxLength={80}
            onInput={(event) => {
              setAgentName(event.currentTarget.value);
              setSaved(false);
            }}
          />
        </label>
        <label>
          {t('options.language')}
          <select
            name="language"
            value={language}
            onChange={(event) => {
              setLanguage(event.currentTarget.value as UiLanguage | 'auto');
              setSaved(false);
            }}
          >
            <option value="auto">{t('options.language.auto')}</option>
            {UI_LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('options.save')}</button>
        <p role="status">{saved ? t('options.saved') : ''}</p>
      </form>
    </main>
  );
}
