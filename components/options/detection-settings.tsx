import { useEffect, useState } from 'preact/hooks';
import { disableDialerOrigins, enableDialerOrigins, listEnabledDialerOrigins } from '../../lib/extension/detection-permissions';
import { defaultRegionSetting, KNOWN_DIALERS, originPatternFromInput, type KnownDialer } from '../../lib/extension/detection-settings';
import type { Translate } from '../../lib/i18n/ui-messages';

/** What the section needs from the extension; a parameter so component tests pass a fake. */
export interface DialerAccess {
  list(): Promise<string[]>;
  enable(patterns: readonly string[]): Promise<boolean>;
  disable(patterns: readonly string[]): Promise<boolean>;
}

const browserAccess: DialerAccess = {
  list: listEnabledDialerOrigins,
  enable: enableDialerOrigins,
  disable: disableDialerOrigins,
};

/**
 * The dialer origins detection runs on: known dialers with Enable buttons, any other site by address, and the
 * default region for phone numbers. Access is the browser's optional host permission, so enabling asks the user.
 */
export function DetectionSettings({ t, access = browserAccess }: { t: Translate; access?: DialerAccess }) {
  const [enabled, setEnabled] = useState<string[]>([]);
  const [message, setMessage] = useState('');

  async function refresh() {
    setEnabled(await access.list());
  }

  useEffect(() => {
    void refresh();
  }, []);

  async function change(patterns: readonly string[], on: boolean) {
    setMessage('');
    try {
      const done = on ? await access.enable(patterns) : await access.disable(patterns);
      if (!done && on) setMessage(t('detection.denied', { origin: patterns.join(', ') }));
    } catch (error) {
      setMessage(t('detection.failed', { message: error instanceof Error ? error.message : String(error) }));
    }
    await refresh();
  }

  const known = new Set(KNOWN_DIALERS.flatMap((d) => d.matches));
  const others = enabled.filter((pattern) => !known.has(pattern));

  return (
    <section aria-labelledby="detection-settings-title">
      <h2 id="detection-settings-title">{t('detection.title')}</h2>
      <p>{t('detection.intro')}</p>
      <h3>{t('detection.known')}</h3>
      <ul aria-label={t('detection.known')}>
        {KNOWN_DIALERS.map((dialer) => (
          <KnownDialerRow key={dialer.id} t={t} dialer={dialer} enabled={enabled} onChange={change} />
        ))}
      </ul>
      <h3>{t('detection.otherOrigins')}</h3>
      {others.length === 0 ? (
        <p>{t('detection.noOtherOrigins')}</p>
      ) : (
        <ul aria-label={t('detection.otherOrigins')}>
          {others.map((pattern) => (
            <li key={pattern}>
              <span>{pattern}</span>{' '}
              <button type="button" aria-label={t('detection.disableName', { name: pattern })} onClick={() => void change([pattern], false)}>
                {t('detection.disable')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <AddOriginForm t={t} onAdd={(pattern) => change([pattern], true)} onInvalid={() => setMessage(t('detection.badOrigin'))} />
      {message && <p role="alert">{message}</p>}
      <RegionForm t={t} />
    </section>
  );
}

function KnownDialerRow({
  t,
  dialer,
  enabled,
  onChange,
}: {
  t: Translate;
  dialer: KnownDialer;
  enabled: readonly string[];
  onChange(patterns: readonly string[], on: boolean): Promise<void>;
}) {
  const on = dialer.matches.every((pattern) => enabled.includes(pattern));
  return (
    <li>
      <span>{dialer.name}</span> <span>{on ? t('detection.enabled') : t('detection.notEnabled')}</span>{' '}
      <button
        type="button"
        aria-label={t(on ? 'detection.disableName' : 'detection.enableName', { name: dialer.name })}
        onClick={() => void onChange(dialer.matches, !on)}
      >
        {on ? t('detection.disable') : t('detection.enable')}
      </button>
    </li>
  );
}

function AddOriginForm({ t, onAdd, onInvalid }: { t: Translate; onAdd(pattern: string): Promise<void>; onInvalid(): void }) {
  const [text, setText] = useState('');
  return (
    <form
      aria-label={t('detection.addOrigin')}
      onSubmit={(event) => {
        event.preventDefault();
        const pattern = originPatternFromInput(text);
        if (!pattern) {
          onInvalid();
          return;
        }
        // Requested straight from the submit, so the browser still counts it as the user's gesture.
        void onAdd(pattern).then(() => setText(''));
      }}
    >
      <label>
        {t('detection.originLabel')}
        <input name="origin" value={text} maxLength={256} onInput={(event) => setText(event.currentTarget.value)} />
      </label>
      <button type="submit">{t('detection.add')}</button>
    </form>
  );
}

function RegionForm({ t }: { t: Translate }) {
  const [region, setRegion] = useState('');
  const [status, setStatus] = useState('');
  useEffect(() => {
    void defaultRegionSetting.getValue().then(setRegion);
  }, []);
  return (
    <form
      aria-label={t('detection.region')}
      onSubmit={(event) => {
        event.preventDefault();
        const value = region.trim().toUpperCase();
        if (value !== '' && !/^[A-Z]{2}$/.test(value)) {
          setStatus(t('detection.badRegion'));
          return;
        }
        void defaultRegionSetting.setValue(value).then(() => {
          setRegion(value);
          setStatus(t('detection.regionSaved'));
        });
      }}
    >
      <label>
        {t('detection.region')}
        <input name="region" value={region} maxLength={2} onInput={(event) => setRegion(event.currentTarget.value)} />
      </label>
      <p>{t('detection.regionHint')}</p>
      <button type="submit">{t('detection.saveRegion')}</button>
      {status && <p role="status">{status}</p>}
    </form>
  );
}
