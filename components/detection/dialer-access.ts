import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import {
  disableDialerOrigins,
  enableDialerOrigins,
  listEnabledDialerOrigins,
  onDialerAccessChanged,
  readDialerOriginsPolicy,
  readTabUrl,
  reloadTab,
} from '../../lib/extension/pages/dialer-permissions';
import type { Translate } from '../../lib/i18n/ui-messages';

/** What the dialer-origin controls need from the extension; an interface so component tests pass a fake. */
export interface DialerAccess {
  /** Granted optional dialer origins (patterns). */
  list(): Promise<string[]>;
  /** Origins the administrator's policy requires (patterns). */
  policy(): Promise<string[]>;
  /** Requests access; must be called synchronously from the click that asked for it. */
  enable(patterns: readonly string[]): Promise<boolean>;
  disable(patterns: readonly string[]): Promise<boolean>;
  /** Calls back when grants or the policy change; returns an unsubscribe. */
  onChanged(callback: () => void): () => void;
}

/** What the side panel additionally needs to know about, and do to, the tab it shows. */
export interface TabAccess {
  /** The tab's URL, `undefined` where the browser hides it from OnScript. */
  tabUrl(tabId: number): Promise<string | undefined>;
  reloadTab(tabId: number): Promise<void>;
}

/** The real extension APIs behind {@link DialerAccess} and {@link TabAccess}. */
export const browserDialerAccess: DialerAccess & TabAccess = {
  list: listEnabledDialerOrigins,
  policy: readDialerOriginsPolicy,
  enable: enableDialerOrigins,
  disable: disableDialerOrigins,
  onChanged: onDialerAccessChanged,
  tabUrl: readTabUrl,
  reloadTab,
};

/**
 * Gives the side panel its dialer access. Absent (the default), the panel offers no enabling, which keeps panels
 * rendered without an extension (component tests, previews) free of permission calls.
 */
export const DialerAccessContext = createContext<(DialerAccess & TabAccess) | undefined>(undefined);

/** The side panel's dialer access, if the entry point provided one. */
export function useDialerAccessContext(): (DialerAccess & TabAccess) | undefined {
  return useContext(DialerAccessContext);
}

/** What the agent reads when the browser refused a permission change or a tab reload. */
export function failureMessage(t: Translate, error: unknown): string {
  return t('detection.failed', { message: error instanceof Error ? error.message : String(error) });
}

/**
 * Enabled and required origins, kept current, and one way to change access with the same messages in the options
 * page and the side panel. `change` calls `access.enable`/`disable` before its first `await`, so a click handler
 * that calls it keeps the browser's user gesture.
 */
export function useDialerAccess(access: DialerAccess, t: Translate) {
  const [enabled, setEnabled] = useState<string[]>([]);
  const [policy, setPolicy] = useState<string[]>([]);
  const [message, setMessage] = useState('');

  async function refresh() {
    const [granted, required] = await Promise.all([access.list(), access.policy()]);
    setEnabled(granted);
    setPolicy(required);
  }

  useEffect(() => {
    void refresh();
    return access.onChanged(() => void refresh());
  }, [access]);

  async function change(patterns: readonly string[], on: boolean): Promise<boolean> {
    setMessage('');
    let done = false;
    try {
      done = on ? await access.enable(patterns) : await access.disable(patterns);
      if (!done && on) setMessage(t('detection.denied', { origin: patterns.join(', ') }));
    } catch (error) {
      setMessage(failureMessage(t, error));
    }
    await refresh();
    return done;
  }

  return { enabled, policy, message, setMessage, change };
}
