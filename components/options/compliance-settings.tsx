import { useEffect, useState } from 'preact/hooks';
import { resolveActiveProfile, type CompliancePolicy } from '../../lib/compliance/active-profile';
import type { CsvLineError } from '../../lib/compliance/caps';
import type { DoNotCallReason } from '../../lib/compliance/dnc';
import { PROFILES } from '../../lib/compliance/profiles';
import { notAfter, notAtWork, notBefore, type InconvenientTime } from '../../lib/compliance/restrictions';
import type { StoredDoNotCallFlag } from '../../lib/protocol/compliance-messages';
import {
  complianceDefaultRegionSetting,
  compliancePolicySetting,
  complianceProfileSetting,
} from '../../lib/extension/shared/settings';
import type { ComplianceSettingsClient } from '../../lib/extension/pages/compliance-client';
import { useOptionsClients } from '../options-clients';
import type { Translate } from '../../lib/i18n/ui-messages';
import type { NewDoNotCallFlag } from '../../lib/protocol/compliance-messages';

/**
 * The compliance section of the options page: the profile (locked when the lead's policy names one), the lead's
 * tightening read-only, the default region, imported attempts, do-not-call flags and debtor-stated times.
 */
export function ComplianceSettings({ t }: { t: Translate }) {
  const { compliance: client } = useOptionsClients();
  return (
    <section aria-labelledby="compliance-settings-title" class="compliance-settings">
      <h2 id="compliance-settings-title">{t('compliance.settings')}</h2>
      <ProfileSettings t={t} />
      <AttemptsImport t={t} client={client} />
      <DoNotCallFlags t={t} client={client} />
      <InconvenientTimes t={t} client={client} />
    </section>
  );
}

function ProfileSettings({ t }: { t: Translate }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const [policy, setPolicy] = useState<CompliancePolicy | null>(null);
  const [region, setRegion] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void Promise.all([complianceProfileSetting.getValue(), compliancePolicySetting.getValue(), complianceDefaultRegionSetting.getValue()]).then(
      ([id, lead, country]) => {
        setChosen(id);
        setPolicy(lead);
        setRegion(country);
      },
    );
  }, []);
  const active = resolveActiveProfile(chosen, policy, navigator.languages);
  const locked = active.chosenBy === 'policy';

  async function save(event: Event) {
    event.preventDefault();
    const country = region.trim().toUpperCase();
    await Promise.all([
      locked ? Promise.resolve() : complianceProfileSetting.setValue(active.profile.derivedFrom ?? active.profile.id),
      complianceDefaultRegionSetting.setValue(/^[A-Z]{2}$/.test(country) ? country : ''),
    ]);
    setSaved(true);
  }

  return (
    <form onSubmit={save}>
      <fieldset disabled={locked}>
        <legend>{t('compliance.settings.profile')}</legend>
        {locked && <p data-testid="compliance-profile-locked">{t('compliance.settings.locked', { by: policy?.setBy ? ` (${policy.setBy})` : '' })}</p>}
        {Object.values(PROFILES).map((profile) => (
          <label key={profile.id} class="compliance-settings__profile">
            <span>
              <input
                type="radio"
                name="profile"
                value={profile.id}
                checked={(active.profile.derivedFrom ?? active.profile.id) === profile.id}
                onChange={() => {
                  setChosen(profile.id);
                  setSaved(false);
                }}
              />{' '}
              {profile.name} ({profile.id})
            </span>
            <small class="muted">{t('compliance.settings.source', { citation: profile.source.citation, marker: profile.source.marker })}</small>
          </label>
        ))}
      </fieldset>
      <div>
        <h3>{t('compliance.settings.tightening')}</h3>
        {active.applied.length === 0 ? (
          <p class="muted">{t('compliance.settings.noTightening')}</p>
        ) : (
          <ul data-testid="compliance-tightening">
            {active.applied.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </div>
      <label>
        {t('compliance.settings.region')}
        <input
          name="region"
          value={region}
          maxLength={2}
          placeholder={active.profile.country}
          aria-describedby="compliance-region-hint"
          onInput={(event) => {
            setRegion(event.currentTarget.value);
            setSaved(false);
          }}
        />
        <small id="compliance-region-hint" class="muted">
          {t('compliance.settings.regionAuto')}: {active.profile.country}
        </small>
      </label>
      <button type="submit">{t('compliance.settings.save')}</button>
      <p role="status">{saved ? t('compliance.settings.saved') : ''}</p>
    </form>
  );
}

function AttemptsImport({ t, client }: { t: Translate; client: ComplianceSettingsClient }) {
  const [count, setCount] = useState<number | undefined>(undefined);
  const [result, setResult] = useState<{ imported: number; errors: CsvLineError[] } | undefined>(undefined);
  const refresh = () => void client.countImports().then(({ count: stored }) => setCount(stored), () => setCount(undefined));
  useEffect(refresh, [client]);

  async function importFile(event: Event) {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('csv') as HTMLInputElement | null;
    const file = input?.files?.[0];
    if (!file) return;
    setResult(await client.importAttempts(await file.text(), file.name));
    refresh();
  }

  return (
    <form onSubmit={importFile} aria-labelledby="compliance-import-title">
      <h3 id="compliance-import-title">{t('compliance.import')}</h3>
      <p class="muted" id="compliance-import-hint">
        {t('compliance.importHint')}
      </p>
      <label>
        {t('compliance.importFile')}
        <input type="file" name="csv" accept=".csv,text/csv" aria-describedby="compliance-import-hint" />
      </label>
      <button type="submit">{t('compliance.import')}</button>
      <div role="status" data-testid="compliance-import-result">
        {result && <p>{t('compliance.importResult', { imported: result.imported })}</p>}
      </div>
      {result && result.errors.length > 0 && (
        <div>
          <h4>{t('compliance.importErrors')}</h4>
          <ul data-testid="compliance-import-errors">
            {result.errors.map((error) => (
              <li key={error.line}>{t('compliance.importErrorLine', { line: error.line, message: error.message })}</li>
            ))}
          </ul>
        </div>
      )}
      {count !== undefined && <p>{t('compliance.importedCount', { count })}</p>}
      {count !== undefined && count > 0 && (
        <button type="button" onClick={() => void client.clearImports().then(refresh)}>
          {t('compliance.clearImports')}
        </button>
      )}
    </form>
  );
}

const FLAG_REASONS: readonly DoNotCallReason[] = ['cease-request', 'wrong-number', 'dispute-pending'];

function DoNotCallFlags({ t, client }: { t: Translate; client: ComplianceSettingsClient }) {
  const [flags, setFlags] = useState<StoredDoNotCallFlag[]>([]);
  const [scope, setScope] = useState<'number' | 'debtor'>('number');
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState<DoNotCallReason>('cease-request');
  const [note, setNote] = useState('');
  const [error, setError] = useState('');
  const refresh = () => void client.listFlags().then(setFlags, () => setFlags([]));
  useEffect(refresh, [client]);

  async function add(event: Event) {
    event.preventDefault();
    if (target.trim() === '') return;
    const flag: NewDoNotCallFlag = scope === 'number' ? { reason, scope, phone: target.trim() } : { reason, scope, debtorRef: target.trim() };
    if (note.trim() !== '') flag.note = note.trim();
    try {
      await client.addFlag(flag);
      setTarget('');
      setNote('');
      setError('');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
    refresh();
  }

  return (
    <form onSubmit={add} aria-labelledby="compliance-flags-title">
      <h3 id="compliance-flags-title">{t('compliance.flags')}</h3>
      {flags.length === 0 ? (
        <p class="muted">{t('compliance.flags.none')}</p>
      ) : (
        <ul data-testid="compliance-flags">
          {flags.map((flag) => {
            const who = flag.scope === 'number' ? (flag.phoneE164 ?? '') : (flag.debtorRef ?? '');
            return (
              <li key={flag.id}>
                {who} · {t(`compliance.flags.reason.${flag.reason}`)}
                {flag.note ? ` · ${flag.note}` : ''}
                {flag.clearedAt !== undefined ? (
                  ` · ${t('compliance.flags.cleared', { when: new Date(flag.clearedAt).toLocaleString() })}`
                ) : (
                  <>
                    {' '}
                    <button type="button" onClick={() => void client.clearFlag(flag.id).then(refresh)}>
                      {t('compliance.flags.clear', { target: who })}
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <label>
        {t('compliance.flags.scope')}
        <select name="scope" value={scope} onChange={(event) => setScope(event.currentTarget.value as 'number' | 'debtor')}>
          <option value="number">{t('compliance.flags.scope.number')}</option>
          <option value="debtor">{t('compliance.flags.scope.debtor')}</option>
        </select>
      </label>
      <label>
        {t('compliance.flags.target')}
        <input name="target" value={target} maxLength={128} required onInput={(event) => setTarget(event.currentTarget.value)} />
      </label>
      <label>
        {t('compliance.flags.reason')}
        <select name="reason" value={reason} onChange={(event) => setReason(event.currentTarget.value as DoNotCallReason)}>
          {FLAG_REASONS.map((code) => (
            <option key={code} value={code}>
              {t(`compliance.flags.reason.${code}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('compliance.flags.note')}
        <input name="note" value={note} maxLength={500} onInput={(event) => setNote(event.currentTarget.value)} />
      </label>
      <button type="submit">{t('compliance.flags.add')}</button>
      {error && <p class="compliance__error">{error}</p>}
    </form>
  );
}

type TimeRuleKind = 'notBefore' | 'notAfter' | 'notAtWork';

function InconvenientTimes({ t, client }: { t: Translate; client: ComplianceSettingsClient }) {
  const [times, setTimes] = useState<Record<string, InconvenientTime[]>>({});
  const [key, setKey] = useState('');
  const [kind, setKind] = useState<TimeRuleKind>('notBefore');
  const [from, setFrom] = useState('10:00');
  const [to, setTo] = useState('17:00');
  const [error, setError] = useState('');
  useEffect(() => void client.listTimes().then(setTimes), [client]);

  /** Saves one debtor's rules through the background, then shows what it keeps. */
  async function save(owner: string, rules: InconvenientTime[]) {
    await client.setTimes(owner, rules);
    setTimes(await client.listTimes());
  }

  async function add(event: Event) {
    event.preventDefault();
    const owner = key.trim();
    if (owner === '') return;
    let rule: InconvenientTime;
    try {
      rule = kind === 'notBefore' ? notBefore(from) : kind === 'notAfter' ? notAfter(from) : notAtWork(from, to);
    } catch (failure) {
      setError(t('compliance.times.invalid', { message: failure instanceof Error ? failure.message : String(failure) }));
      return;
    }
    setError('');
    await save(owner, [...(times[owner] ?? []), rule]);
  }

  const entries = Object.entries(times).flatMap(([owner, rules]) => rules.map((rule, index) => ({ owner, rule, index })));
  return (
    <form onSubmit={add} aria-labelledby="compliance-times-title">
      <h3 id="compliance-times-title">{t('compliance.times')}</h3>
      <p class="muted">{t('compliance.times.hint')}</p>
      {entries.length === 0 ? (
        <p class="muted">{t('compliance.times.none')}</p>
      ) : (
        <ul data-testid="compliance-times">
          {entries.map(({ owner, rule, index }) => (
            <li key={`${owner}-${index}`}>
              {owner}: {rule.label}{' '}
              <button
                type="button"
                onClick={() => {
                  void save(owner, (times[owner] ?? []).filter((_, position) => position !== index));
                }}
              >
                {t('compliance.times.remove', { label: rule.label, key: owner })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <label>
        {t('compliance.times.key')}
        <input name="owner" value={key} maxLength={128} required onInput={(event) => setKey(event.currentTarget.value)} />
      </label>
      <label>
        {t('compliance.times.kind')}
        <select name="kind" value={kind} onChange={(event) => setKind(event.currentTarget.value as TimeRuleKind)}>
          <option value="notBefore">{t('compliance.times.kind.notBefore')}</option>
          <option value="notAfter">{t('compliance.times.kind.notAfter')}</option>
          <option value="notAtWork">{t('compliance.times.kind.notAtWork')}</option>
        </select>
      </label>
      <label>
        {t('compliance.times.from')}
        <input name="from" type="time" value={from} onInput={(event) => setFrom(event.currentTarget.value)} />
      </label>
      {kind === 'notAtWork' && (
        <label>
          {t('compliance.times.to')}
          <input name="to" type="time" value={to} onInput={(event) => setTo(event.currentTarget.value)} />
        </label>
      )}
      <button type="submit">{t('compliance.times.add')}</button>
      {error && <p class="compliance__error">{error}</p>}
    </form>
  );
}
