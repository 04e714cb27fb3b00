import { useEffect, useState } from 'preact/hooks';
import type { LockableSetting } from '../../lib/compliance/locked-settings';
import { DEFAULT_JURISDICTION_PROFILES, type CompliancePolicy } from '../../lib/compliance/routing';
import type { CsvLineError, DateOrder } from '../../lib/compliance/attempts-csv';
import type { DoNotCallReason } from '../../lib/compliance/dnc';
import { getProfile, PROFILES } from '../../lib/compliance/profiles';
import { notAfter, notAtWork, notBefore, type InconvenientTime } from '../../lib/compliance/restrictions';
import type { StoredDoNotCallFlag } from '../../lib/protocol/compliance-messages';
import {
  complianceProfileSetting,
  complianceTighteningSetting,
  defaultRegionSetting,
} from '../../lib/extension/shared/settings';
import type { CompliancePolicyView, ComplianceSettingsClient } from '../../lib/extension/pages/compliance-client';
import { useOptionsClients } from '../options-clients';
import type { Translate } from '../../lib/i18n/ui-messages';
import type { AttemptsImportResult, NewDoNotCallFlag } from '../../lib/protocol/compliance-messages';
import { Field, LockBadge } from './field';

/**
 * The compliance section of the options page: whose rules each call follows (the debtor's jurisdiction), what the
 * lead's policy sets (read-only), what the agent may add (only ever stricter; locked settings shown as locked),
 * imported attempts, do-not-call flags and debtor-stated times.
 */
export function ComplianceSettings({ t }: { t: Translate }) {
  const { compliance: client } = useOptionsClients();
  return (
    <section aria-labelledby="compliance-settings-title" class="compliance-settings">
      <h2 id="compliance-settings-title">{t('compliance.settings')}</h2>
      <RulesSettings t={t} />
      <AttemptsImport t={t} client={client} />
      <DoNotCallFlags t={t} client={client} />
      <InconvenientTimes t={t} client={client} />
    </section>
  );
}

/** The rules every call follows: whose, who set what, and what the agent may add. */
function RulesSettings({ t }: { t: Translate }) {
  const { compliancePolicy } = useOptionsClients();
  const [state, setState] = useState<CompliancePolicyView | undefined>(undefined);
  const [extra, setExtra] = useState('');
  const [earliest, setEarliest] = useState('');
  const [latest, setLatest] = useState('');
  const [country, setCountry] = useState('');
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: string } | undefined>(undefined);

  useEffect(() => {
    void Promise.all([compliancePolicy(), complianceProfileSetting.getValue(), complianceTighteningSetting.getValue(), defaultRegionSetting.getValue()]).then(
      ([view, profileId, tightening, region]) => {
        setState(view);
        setExtra(profileId ?? '');
        setEarliest(tightening?.earliestLocalTime ?? '');
        setLatest(tightening?.latestLocalTime ?? '');
        setCountry(region);
      },
    );
  }, [compliancePolicy]);
  if (!state) return null;
  const { policy, locks } = state;
  const isLocked = (key: LockableSetting) => locks.locked.includes(key);
  const mapping: Record<string, readonly string[]> = { ...DEFAULT_JURISDICTION_PROFILES, ...(policy.jurisdictionProfiles ?? {}) };

  async function save(event: Event) {
    event.preventDefault();
    setMessage(undefined);
    const code = country.trim().toUpperCase();
    const times = { earliest: earliest.trim(), latest: latest.trim() };
    const wrong = [times.earliest, times.latest].find((time) => time !== '' && !/^([01]?\d|2[0-4]):[0-5]\d$/.test(time));
    if (wrong !== undefined) return setMessage({ kind: 'error', text: t('compliance.settings.badTime', { time: wrong }) });
    if (code !== '' && !/^[A-Z]{2}$/.test(code)) return setMessage({ kind: 'error', text: t('compliance.settings.badCountry', { country: code }) });
    await Promise.all([
      isLocked('complianceProfile') ? undefined : complianceProfileSetting.setValue(extra || null),
      isLocked('complianceTightening')
        ? undefined
        : complianceTighteningSetting.setValue(
            times.earliest || times.latest
              ? { ...(times.earliest ? { earliestLocalTime: times.earliest } : {}), ...(times.latest ? { latestLocalTime: times.latest } : {}) }
              : null,
          ),
      isLocked('defaultCountry') || code === '' ? undefined : defaultRegionSetting.setValue(code),
    ]);
    setMessage({ kind: 'saved', text: t('compliance.settings.saved') });
  }

  return (
    <form onSubmit={save} data-testid="compliance-rules-settings">
      <h3>{t('compliance.settings.whose')}</h3>
      <p class="muted">{t('compliance.settings.whoseHint')}</p>
      <table data-testid="compliance-jurisdictions">
        <thead>
          <tr>
            <th scope="col">{t('compliance.settings.jurisdiction')}</th>
            <th scope="col">{t('compliance.settings.rules')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(mapping).map(([key, ids]) => (
            <tr key={key}>
              <th scope="row">{key}</th>
              <td>{ids.map((id) => profileName(id, policy)).join(' + ')}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('compliance.settings.elsewhere')}</th>
            <td>{policy.fallbackProfile && policy.fallbackProfile !== 'block' ? profileName(policy.fallbackProfile, policy) : t('compliance.settings.blocked')}</td>
          </tr>
        </tbody>
      </table>
      <h3>{t('compliance.settings.lead')}</h3>
      {policy.profileId || policy.overrides || policy.jurisdictionProfiles || policy.fallbackProfile ? (
        <ul data-testid="compliance-policy">
          {policy.profileId && <li>{t('compliance.settings.leadProfile', { profile: profileName(policy.profileId, policy) })}</li>}
          {policy.overrides?.hours?.startMinute !== undefined && <li>{t('compliance.settings.notBefore', { time: clock(policy.overrides.hours.startMinute) })}</li>}
          {policy.overrides?.hours?.endMinute !== undefined && <li>{t('compliance.settings.notAfter', { time: clock(policy.overrides.hours.endMinute) })}</li>}
          {policy.overrides?.days && <li>{t('compliance.settings.onlyDays', { days: policy.overrides.days.join(', ') })}</li>}
        </ul>
      ) : (
        <p class="muted">{t('compliance.settings.noPolicy')}</p>
      )}
      <h3>{t('compliance.settings.yours')}</h3>
      <p class="muted">{t('compliance.settings.yoursHint')}</p>
      <Field
        label={t('compliance.settings.extraProfile')}
        hint={isLocked('complianceProfile') ? <LockedNote id="complianceProfile" t={t} /> : t('options.hint.extraProfile')}
        locked={isLocked('complianceProfile') ? t('options.locked') : undefined}
        control={(describedBy) => (
          <select value={extra} disabled={isLocked('complianceProfile')} aria-describedby={describedBy} onChange={(event) => setExtra(event.currentTarget.value)}>
            <option value="">{t('compliance.settings.none')}</option>
            {Object.values(PROFILES).map((profile) => (
              <option key={profile.id} value={profile.id}>
                {profile.name} ({profile.id})
              </option>
            ))}
          </select>
        )}
      />
      <fieldset disabled={isLocked('complianceTightening')} aria-describedby="compliance-hours-hint">
        <legend>{t('compliance.settings.myHours')}</legend>
        <p class="field__hint field__hint--block" id="compliance-hours-hint">
          {isLocked('complianceTightening') && <LockBadge text={t('options.locked')} />}
          {isLocked('complianceTightening') ? <LockedNote id="complianceTightening" t={t} /> : <span>{t('options.hint.myHours')}</span>}
        </p>
        <div class="field-row">
          <label class="field__label">
            <span class="field__name">{t('compliance.settings.earliest')}</span>
            <input name="earliest" value={earliest} placeholder="09:00" maxLength={5} onInput={(event) => setEarliest(event.currentTarget.value)} />
          </label>
          <label class="field__label">
            <span class="field__name">{t('compliance.settings.latest')}</span>
            <input name="latest" value={latest} placeholder="20:00" maxLength={5} onInput={(event) => setLatest(event.currentTarget.value)} />
          </label>
        </div>
      </fieldset>
      <Field
        label={t('compliance.settings.region')}
        hint={<span id="compliance-region-hint">{isLocked('defaultCountry') ? t('compliance.settings.lockedShort') : t('compliance.settings.regionHint')}</span>}
        locked={isLocked('defaultCountry') ? t('options.locked') : undefined}
        control={(describedBy) => (
          <input
            name="region"
            value={isLocked('defaultCountry') ? (locks.values.defaultCountry ?? country) : country}
            maxLength={2}
            disabled={isLocked('defaultCountry')}
            aria-describedby={describedBy}
            onInput={(event) => setCountry(event.currentTarget.value)}
          />
        )}
      />
      <button type="submit">{t('compliance.settings.save')}</button>
      <p role={message?.kind === 'error' ? 'alert' : 'status'}>{message?.text ?? ''}</p>
    </form>
  );
}

/** The administrator's lock in words, as the locked control's help (tests and the e2e policy check read it). */
function LockedNote({ id, t }: { id: LockableSetting; t: Translate }) {
  return <span data-testid={`locked-${id}`}>{t('compliance.settings.lockedShort')}</span>;
}

function profileName(id: string, policy: CompliancePolicy): string {
  const own = policy.customProfiles?.find((profile) => profile.id === id);
  const shipped = getProfile(id);
  return `${own?.name ?? shipped?.name ?? id} (${id})`;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const DATE_ORDERS: readonly DateOrder[] = ['auto', 'month-first', 'day-first'];

/** A rejected line's problems in the page's language (the English `message` when an older background sent none). */
function lineErrorText(t: Translate, error: CsvLineError): string {
  if (!Array.isArray(error.problems) || error.problems.length === 0) return error.message;
  return error.problems
    .map((problem) => {
      if (problem.code === 'time-invalid-order') return t(`compliance.csv.time-invalid-order.${problem.params.order}`, problem.params);
      return 'params' in problem ? t(`compliance.csv.${problem.code}`, problem.params) : t(`compliance.csv.${problem.code}`);
    })
    .join(t('compliance.importProblemSeparator'));
}

function AttemptsImport({ t, client }: { t: Translate; client: ComplianceSettingsClient }) {
  const [count, setCount] = useState<number | undefined>(undefined);
  const [result, setResult] = useState<AttemptsImportResult | undefined>(undefined);
  const [dateOrder, setDateOrder] = useState<DateOrder>('auto');
  const [failure, setFailure] = useState('');
  const refresh = () => void client.countImports().then(({ count: stored }) => setCount(stored), () => setCount(undefined));
  useEffect(refresh, [client]);

  async function importFile(event: Event) {
    event.preventDefault();
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('csv') as HTMLInputElement | null;
    const file = input?.files?.[0];
    if (!file) return;
    // Times written without an offset (3/9/2026 14:05) are the agent's own clock: this page's zone.
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    try {
      setResult(await client.importAttempts({ csv: await file.text(), source: file.name, dateOrder, ...(timeZone ? { timeZone } : {}) }));
      setFailure('');
    } catch (error) {
      // A file the background refuses (too large, unreadable) must say so, not leave the form as it was.
      setResult(undefined);
      setFailure(t('compliance.importFailed', { message: error instanceof Error ? error.message : String(error) }));
    }
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
        <input type="file" name="csv" accept=".csv,.txt,text/csv" aria-describedby="compliance-import-hint" />
      </label>
      <label>
        {t('compliance.importDateOrder')}
        <select
          name="dateOrder"
          value={dateOrder}
          onChange={(event) => setDateOrder((event.currentTarget as HTMLSelectElement).value as DateOrder)}
        >
          {DATE_ORDERS.map((order) => (
            <option key={order} value={order}>
              {t(`compliance.importDateOrder.${order}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t('compliance.import')}</button>
      <div role="status" data-testid="compliance-import-result">
        {failure && <p class="compliance__error">{failure}</p>}
        {result && <p>{t('compliance.importResult', { imported: result.imported })}</p>}
        {result?.format === 'onscript-export' && <p>{t('compliance.importFromExport', { skipped: result.skipped ?? 0 })}</p>}
        {result?.dateOrderUsed && <p>{t(`compliance.importDatesRead.${result.dateOrderUsed}`)}</p>}
      </div>
      {result && result.errors.length > 0 && (
        <div>
          <h4>{t('compliance.importErrors')}</h4>
          <ul data-testid="compliance-import-errors">
            {result.errors.map((error, index) => (
              <li key={`${error.line}-${index}`}>{t('compliance.importErrorLine', { line: error.line, message: lineErrorText(t, error) })}</li>
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
                {flag.source === 'team' ? ` · ${t('team.flagFromTeam', { agent: flag.setBy ?? '' })}` : ''}
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
      <Field
        label={t('compliance.flags.scope')}
        hint={t('options.hint.flagScope')}
        control={(describedBy) => (
        <select aria-describedby={describedBy} name="scope" value={scope} onChange={(event) => setScope(event.currentTarget.value as 'number' | 'debtor')}>
          <option value="number">{t('compliance.flags.scope.number')}</option>
          <option value="debtor">{t('compliance.flags.scope.debtor')}</option>
        </select>
        )}
      />
      <Field
        label={t('compliance.flags.target')}
        hint={t('options.hint.flagTarget')}
        control={(describedBy) => (
        <input aria-describedby={describedBy} name="target" value={target} maxLength={128} required onInput={(event) => setTarget(event.currentTarget.value)} />
        )}
      />
      <Field
        label={t('compliance.flags.reason')}
        hint={t('options.hint.flagReason')}
        control={(describedBy) => (
        <select aria-describedby={describedBy} name="reason" value={reason} onChange={(event) => setReason(event.currentTarget.value as DoNotCallReason)}>
          {FLAG_REASONS.map((code) => (
            <option key={code} value={code}>
              {t(`compliance.flags.reason.${code}`)}
            </option>
          ))}
        </select>
        )}
      />
      <Field
        label={t('compliance.flags.note')}
        hint={t('options.hint.flagNote')}
        control={(describedBy) => (
        <input aria-describedby={describedBy} name="note" value={note} maxLength={500} onInput={(event) => setNote(event.currentTarget.value)} />
        )}
      />
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
      <Field
        label={t('compliance.times.key')}
        hint={t('options.hint.timesKey')}
        control={(describedBy) => (
        <input aria-describedby={describedBy} name="owner" value={key} maxLength={128} required onInput={(event) => setKey(event.currentTarget.value)} />
        )}
      />
      <Field
        label={t('compliance.times.kind')}
        hint={t('options.hint.timesKind')}
        control={(describedBy) => (
        <select aria-describedby={describedBy} name="kind" value={kind} onChange={(event) => setKind(event.currentTarget.value as TimeRuleKind)}>
          <option value="notBefore">{t('compliance.times.kind.notBefore')}</option>
          <option value="notAfter">{t('compliance.times.kind.notAfter')}</option>
          <option value="notAtWork">{t('compliance.times.kind.notAtWork')}</option>
        </select>
        )}
      />
      <Field
        label={t('compliance.times.from')}
        hint={t('options.hint.timesFrom')}
        control={(describedBy) => (
        <input aria-describedby={describedBy} name="from" type="time" value={from} onInput={(event) => setFrom(event.currentTarget.value)} />
        )}
      />
      {kind === 'notAtWork' && (
        <Field
          label={t('compliance.times.to')}
          hint={t('options.hint.timesTo')}
          control={(describedBy) => (
          <input aria-describedby={describedBy} name="to" type="time" value={to} onInput={(event) => setTo(event.currentTarget.value)} />
          )}
        />
      )}
      <button type="submit">{t('compliance.times.add')}</button>
      {error && <p class="compliance__error">{error}</p>}
    </form>
  );
}
