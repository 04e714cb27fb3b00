import { KNOWN_DIALERS } from '../../lib/extension/shared/detection-settings';
import type { Translate } from '../../lib/i18n/ui-messages';
import { AddOriginForm } from '../detection/add-origin-form';
import { useDialerAccess } from '../detection/dialer-access';
import { useOptionsClients } from '../options-clients';
import { KnownDialerRow } from '../detection/known-dialer-row';
import { PolicyOrigins } from '../detection/policy-origins';

/**
 * The dialer origins detection runs on: origins the administrator requires, known dialers with Enable buttons, any
 * other site by address, and the default region for phone numbers. Access is the browser's optional host
 * permission, so enabling asks the user.
 */
export function DetectionSettings({ t }: { t: Translate }) {
  const { dialerAccess: access } = useOptionsClients();
  const { enabled, policy, message, setMessage, change } = useDialerAccess(access, t);
  const known = new Set(KNOWN_DIALERS.flatMap((d) => d.matches));
  const others = enabled.filter((pattern) => !known.has(pattern) && !policy.includes(pattern));

  return (
    <section aria-labelledby="detection-settings-title">
      <h2 id="detection-settings-title">{t('detection.title')}</h2>
      <p>{t('detection.intro')}</p>
      <PolicyOrigins t={t} policy={policy} enabled={enabled} onGrant={(missing) => void change(missing, true)} />
      <h3>{t('detection.known')}</h3>
      <ul aria-label={t('detection.known')}>
        {KNOWN_DIALERS.map((dialer) => (
          <KnownDialerRow key={dialer.id} t={t} dialer={dialer} enabled={enabled} policy={policy} onChange={change} />
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
    </section>
  );
}
