import { useEffect, useState } from 'preact/hooks';
import { useOptionsClients } from '../options-clients';
import { retentionDaysSetting } from '../../lib/extension/shared/settings';
import type { Translate } from '../../lib/i18n/ui-messages';
import { Field } from './field';
import { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../lib/notes/retention';

/** Retention of call records: how many days they are kept before the daily purge; read-only when a lead locked it. */
export function NotesSettings({ t }: { t: Translate }) {
  const { retentionPolicy } = useOptionsClients();
  const [days, setDays] = useState('');
  const [lockedDays, setLockedDays] = useState<number | undefined>(undefined);
  const [message, setMessage] = useState<'saved' | 'invalid' | undefined>(undefined);

  useEffect(() => {
    void Promise.all([retentionDaysSetting.getValue(), retentionPolicy()]).then(([stored, policy]) => {
      setDays(String(stored ?? policy.teamDays ?? DEFAULT_RETENTION_DAYS));
      setLockedDays(policy.lockedDays);
    });
  }, []);

  async function save(event: Event) {
    event.preventDefault();
    const value = Number(days);
    if (!Number.isInteger(value) || value < MIN_RETENTION_DAYS || value > MAX_RETENTION_DAYS) {
      setMessage('invalid');
      return;
    }
    await retentionDaysSetting.setValue(value);
    setMessage('saved');
  }

  return (
    <section aria-labelledby="notes-settings-title">
      <h2 id="notes-settings-title">{t('notes.settings.title')}</h2>
      <form onSubmit={save}>
        <Field
          label={t('notes.settings.retention')}
          hint={lockedDays !== undefined ? <span id="notes-settings-locked">{t('notes.settings.locked', { days: lockedDays })}</span> : t('options.hint.retention')}
          locked={lockedDays !== undefined ? t('options.locked') : undefined}
          control={(describedBy) => (
            <input
              name="retentionDays"
              type="number"
              min={MIN_RETENTION_DAYS}
              max={MAX_RETENTION_DAYS}
              step={1}
              value={lockedDays ?? days}
              disabled={lockedDays !== undefined}
              aria-describedby={describedBy}
              onInput={(event) => {
                setDays(event.currentTarget.value);
                setMessage(undefined);
              }}
            />
          )}
        />
        {lockedDays === undefined && <button type="submit">{t('notes.settings.save')}</button>}
        <p role="status">
          {message === 'saved' ? t('notes.settings.saved', { days }) : message === 'invalid' ? t('notes.settings.invalid') : ''}
        </p>
      </form>
    </section>
  );
}
