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

  /** A setter that also clears "Saved." once the form differs from what was stored. */
  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    setSaved(false);
  };

  return (
    <section aria-labelledby="general-settings-title">
      <h2 id="general-settings-title">{t('options.general')}</h2>
      <form onSubmit={save}>
        <TextSetting label={t('options.agentName')} name="agentName" value={agentName} maxLength={80} onInput={edit(setAgentName)} />
        <TextSetting label={t('options.staffId')} name="staffId" value={staffId} maxLength={40} onInput={edit(setStaffId)} />
        <TextSetting label={t('options.companyName')} name="companyName" value={companyName} maxLength={120} onInput={edit(setCompanyName)} />
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

/** One labelled text setting of the agent's own. */
function TextSetting({ label, name, value, maxLength, onInput }: { label: string; name: string; value: string; maxLength: number; onInput: (value: string) => void }) {
  return (
    <label>
      {label}
      <input name={name} value={value} maxLength={maxLength} onInput={(event) => onInput(event.currentTarget.value)} />
    </label>
  );
}
