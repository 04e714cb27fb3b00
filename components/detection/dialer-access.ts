import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import type { DialerAccess, TabAccess } from '../../lib/extension/pages/dialer-permissions';

export type { DialerAccess, TabAccess } from '../../lib/extension/pages/dialer-permissions';
import type { Translate } from '../../lib/i18n/ui-messages';

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
