import { useEffect, useState } from 'preact/hooks';
import { agentNameSetting, agentStaffIdSetting, companyNameSetting, uiLanguageSetting } from '../../lib/extension/shared/settings';
import { UI_LANGUAGES, type Translate, type UiLanguage } from '../../lib/i18n/ui-messages';

const LANGUAGE_NAMES: Record<UiLanguage, string> = { 'zh-CN': '简体中文', en: 'English' };

/** The agent's own settings: name, staff number and organisation (which scripts say), and interface language. */
export function GeneralSettings({ t, onLanguageChange }: { t: Translate; onLanguageChange(language: UiLanguage | 'auto'): void }) {
  const [agentName, setAgentName] = useState('');
  const [staffId, setStaffId] = useState('');
  const [companyName, setCompanyName] = useState('');
  const [language, setLanguage] = useState<UiLanguage | 'auto'>('auto');
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void Promise.all([agentNameSetting.getValue(), agentStaffIdSetting.getValue(), companyNameSetting.getValue(), uiLanguageSetting.getValue()]).then(([name, staff, company, lang]) => {
      setAgentName(name);
      setStaffId(staff);
      setCompanyName(company);
      setLanguage(lang);
      onLanguageChange(lang);
    });
  }, []);

  async function save(event: Event) {
    event.preventDefault();
    await Promise.all([
      agentNameSetting.setValue(agentName.trim()),
      agentStaffIdSetting.setValue(staffId.trim()),
      companyNameSetting.setValue(companyName.trim()),
      uiLanguageSetting.setValue(language),
    ]);
    onLanguageChange(language);
    setSaved(true);
  }

  return (
    <section aria-labelledby="general-settings-title">
      <h2 id="general-settings-title">{t('options.general')}</h2>
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
          {t('options.staffId')}
          <input
            name="staffId"
            value={staffId}
            maxLength={40}
            onInput={(event) => {
              setStaffId(event.currentTarget.value);
              setSaved(false);
            }}
          />
        </label>
        <label>
          {t('options.companyName')}
          <input
            name="companyName"
            value={companyName}
            maxLength={120}
            onInput={(event) => {
              setCompanyName(event.currentTarget.value);
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
    </section>
  );
}
