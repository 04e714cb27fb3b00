import { useEffect, useState } from 'preact/hooks';
import { tabSiteAccess, type TabSiteAccess } from '../../lib/detection/dialer-access';
import { KNOWN_DIALERS } from '../../lib/extension/shared/detection-settings';
import type { Translate } from '../../lib/i18n/ui-messages';
import { AddOriginForm } from './add-origin-form';
import { failureMessage, useDialerAccess, type DialerAccess, type TabAccess } from './dialer-access';
import { KnownDialerRow } from './known-dialer-row';
import { PolicyOrigins } from './policy-origins';

/**
 * The side panel's offer to enable detection where OnScript does not run: for a tab whose address the browser
 * shows, one button; where it hides the address (OnScript has no access there), the site's address to paste and
 * the known dialers. After access is granted it asks the agent to reload the dialer tab, with a button, rather than
 * reloading by itself: a call the dialer has going that OnScript could not see would be dropped by a reload.
 * Also offers the one-click grant for origins the administrator requires and the agent has not granted yet.
 */
export function EnableDetectionHere({ t, tabId, access }: { t: Translate; tabId: number; access: DialerAccess & TabAccess }) {
  const { enabled, policy, message, setMessage, change } = useDialerAccess(access, t);
  const [url, setUrl] = useState<string | undefined | null>(null);
  const [justEnabled, setJustEnabled] = useState<string | undefined>(undefined);

  useEffect(() => {
    setUrl(null);
    setJustEnabled(undefined);
    setMessage('');
    void access.tabUrl(tabId).then(setUrl);
  }, [tabId, access]);

  // Grants elsewhere (options page, browser settings) change what the browser reveals about the tab.
  useEffect(() => access.onChanged(() => void access.tabUrl(tabId).then(setUrl)), [tabId, access]);

  function enable(patterns: readonly string[], label: string) {
    // change() calls permissions.request before its first await: still inside this click's gesture.
    return change(patterns, true).then((granted) => {
      if (granted) setJustEnabled(label);
    });
  }

  const policyNotice = (
    <PolicyOrigins t={t} policy={policy} enabled={enabled} showGranted={false} onGrant={(missing) => void change(missing, true)} />
  );
  if (justEnabled !== undefined) {
    return (
      <section class="enable-detection" aria-labelledby="enable-detection-title">
        <h2 id="enable-detection-title">{t('detection.panelTitle')}</h2>
        <p role="status">{t('detection.panelEnabled', { origin: justEnabled })}</p>
        <button type="button" onClick={() => void access.reloadTab(tabId).catch((error: unknown) => setMessage(failureMessage(t, error)))}>
          {t('detection.panelReload')}
        </button>
        {message && <p role="alert">{message}</p>}
      </section>
    );
  }
  if (url === null) return null;
  const site: TabSiteAccess = tabSiteAccess(url, [...access.declared(), ...enabled]);
  if (site.kind === 'enabled' || site.kind === 'not-web') {
    return policy.length > 0 ? <section aria-label={t('detection.policyTitle')}>{policyNotice}</section> : null;
  }
  return (
    <section class="enable-detection" aria-labelledby="enable-detection-title">
      <h2 id="enable-detection-title">{t('detection.panelTitle')}</h2>
      {site.kind === 'known' ? (
        <>
          <p>{t('detection.panelKnownIntro', { origin: site.pattern })}</p>
          <button type="button" onClick={() => void enable([site.pattern], site.pattern)}>
            {t('detection.panelEnableHere')}
          </button>
        </>
      ) : (
        <>
          <p>{t('detection.panelUnknownIntro')}</p>
          <AddOriginForm t={t} onAdd={(pattern) => enable([pattern], pattern)} onInvalid={() => setMessage(t('detection.badOrigin'))} />
          <details>
            <summary>{t('detection.known')}</summary>
            <ul aria-label={t('detection.known')}>
              {KNOWN_DIALERS.filter((dialer) => !dialer.matches.every((p) => enabled.includes(p))).map((dialer) => (
                <KnownDialerRow key={dialer.id} t={t} dialer={dialer} enabled={enabled} onChange={(patterns) => enable(patterns, dialer.name)} />
              ))}
            </ul>
          </details>
        </>
      )}
      {message && <p role="alert">{message}</p>}
      {policyNotice}
    </section>
  );
}
