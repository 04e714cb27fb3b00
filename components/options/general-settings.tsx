import { useEffect, useRef, useState } from 'preact/hooks';
import { lockedOr, type LockableSetting, type LockedSettings } from '../../lib/compliance/locked-settings';
import { agentNameSetting, agentStaffIdSetting, companyNameSetting, uiLanguageSetting } from '../../lib/extension/shared/settings';
import { UI_LANGUAGES, type Translate, type UiLanguage, type UiMessageKey } from '../../lib/i18n/ui-messages';
import { useOptionsClients } from '../options-clients';
import { Field } from './field';
import { readUiLanguageInForce } from '../../lib/extension/shared/ui-language';

const LANGUAGE_NAMES: Record<UiLanguage, string> = { 'zh-CN': '简体中文', en: 'English' };

const NO_LOCKS: LockedSettings = { locked: [], values: {}, ignored: [] };

/**
 * The agent's own settings: name, staff number and organisation (which scripts say), and interface language.
 * What the lead's policy locks (name, organisation, language) shows the policy's value, disabled, with the lock
 * badge, and is not written on save: the policy's value is the one in force.
 */
export function GeneralSettings({ t, onLanguageChange }: { t: Translate; onLanguageChange(language: UiLanguage | 'auto'): void }) {
  const { compliancePolicy } = useOptionsClients();
  const [agentName, setAgentName] = useState('');
  const [staffId, setStaffId] = useState('');
  const [companyName, setCompanyName] = useState('');
  const [language, setLanguage] = useState<UiLanguage | 'auto'>('auto');
  const [locks, setLocks] = useState<LockedSettings>(NO_LOCKS);
  const [saved, setSaved] = useState(false);
  const isLocked = (key: LockableSetting) => locks.locked.includes(key);

  // The agent's own values and the policy's locks are kept apart and read apart: managed storage can answer
  // later than local storage, and a locked field shows the policy's value without replacing what the agent typed.
  const locksRef = useRef<LockedSettings>(NO_LOCKS);
  useEffect(() => {
    void Promise.all([agentNameSetting.getValue(), agentStaffIdSetting.getValue(), companyNameSetting.getValue(), uiLanguageSetting.getValue()]).then(([name, staff, company, lang]) => {
      setAgentName(name);
      setStaffId(staff);
      setCompanyName(company);
      // Only the form's value: the page already shows the language in force (read before it rendered).
      setLanguage(lang);
    });
  }, []);

  useEffect(() => {
    void compliancePolicy().then(
      ({ locks: policyLocks }) => {
        locksRef.current = policyLocks;
        setLocks(policyLocks);
        if (policyLocks.locked.includes('uiLanguage')) onLanguageChange(policyLocks.values.uiLanguage ?? 'auto');
      },
      () => undefined,
    );
  }, [compliancePolicy]);

  // What each field shows: the policy's value where it locks the setting (the value in force), else the agent's.
  const shownName = lockedOr(locks, 'agentName', locks.values.agentName, agentName, '');
  const shownCompany = lockedOr(locks, 'companyName', locks.values.companyName, companyName, '');
  const shownLanguage = lockedOr<UiLanguage | 'auto'>(locks, 'uiLanguage', locks.values.uiLanguage, language, 'auto');

  async function save(event: Event) {
    event.preventDefault();
    await Promise.all([
      isLocked('agentName') ? undefined : agentNameSetting.setValue(agentName.trim()),
      agentStaffIdSetting.setValue(staffId.trim()),
      isLocked('companyName') ? undefined : companyNameSetting.setValue(companyName.trim()),
      isLocked('uiLanguage') ? undefined : uiLanguageSetting.setValue(language),
    ]);
    // The language in force after the save (an agent's `auto` may fall back to the policy's default).
    onLanguageChange(await readUiLanguageInForce());
    setSaved(true);
  }

  /** A setter that also clears "Saved." once the form differs from what was stored. */
  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    setSaved(false);
  };
  const lockText = (key: LockableSetting) => (isLocked(key) ? t('options.locked') : undefined);
  const hintFor = (key: LockableSetting | undefined, hint: UiMessageKey) => (key && isLocked(key) ? t('options.lockedByLead') : t(hint));

  return (
    <section aria-labelledby="general-settings-title">
      <h2 id="general-settings-title">{t('options.general')}</h2>
      <form onSubmit={save}>
        <TextSetting label={t('options.agentName')} hint={hintFor('agentName', 'options.hint.agentName')} locked={lockText('agentName')} name="agentName" value={shownName} maxLength={80} onInput={edit(setAgentName)} />
        <TextSetting label={t('options.staffId')} hint={t('options.hint.staffId')} name="staffId" value={staffId} maxLength={40} onInput={edit(setStaffId)} />
        <TextSetting label={t('options.companyName')} hint={hintFor('companyName', 'options.hint.companyName')} locked={lockText('companyName')} name="companyName" value={shownCompany} maxLength={120} onInput={edit(setCompanyName)} />
        <Field
          label={t('options.language')}
          hint={hintFor('uiLanguage', 'options.hint.language')}
          locked={lockText('uiLanguage')}
          control={(describedBy) => (
            <select
              name="language"
              value={shownLanguage}
              disabled={isLocked('uiLanguage')}
              aria-describedby={describedBy}
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
          )}
        />
        <button type="submit">{t('options.save')}</button>
        <p role="status">{saved ? t('options.saved') : ''}</p>
      </form>
    </section>
  );
}

/** One labelled text setting of the agent's own, with its help beside it. */
function TextSetting({
  label,
  hint,
  locked,
  name,
  value,
  maxLength,
  onInput,
}: {
  label: string;
  hint: string;
  locked?: string;
  name: string;
  value: string;
  maxLength: number;
  onInput: (value: string) => void;
}) {
  return (
    <Field
      label={label}
      hint={hint}
      locked={locked}
      control={(describedBy) => (
        <input name={name} value={value} maxLength={maxLength} disabled={locked !== undefined} aria-describedby={describedBy} onInput={(event) => onInput(event.currentTarget.value)} />
      )}
    />
  );
}
