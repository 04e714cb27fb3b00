import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { showGuardOverlay, type GuardOverlay } from '../../components/compliance/guard-overlay';
import type { CallSignal } from '../calls/types';
import { createDialWatcher } from '../compliance/pre-dial';
import { createTranslator, pickUiLanguage } from '../i18n/ui-messages';
import { sendToBackground } from './messaging';
import { uiLanguageSetting } from './settings';

/** The dialer's hang-up control, as the demo marks it; real dialers' DOM rules can name theirs. */
export const DEFAULT_HANG_UP_SELECTOR = '[data-onscript-demo="hangup"]:not([disabled])';

/**
 * The pre-dial guard in a dialer frame. Feed it every call signal the bridge emits (after the bridge has sent it
 * to the background): on the start of an outbound call it asks the background for a verdict and, on a breach,
 * shows the overlay. It never touches the page's signaling: "block" means the overlay tells the agent to end
 * the call and offers a button that presses the dialer's own Hang up.
 */
export function startPreDialGuard(ctx: ContentScriptContext, hangUpSelector: string = DEFAULT_HANG_UP_SELECTOR) {
  const watcher = createDialWatcher();
  const overlays = new Map<string, GuardOverlay>();
  ctx.onInvalidated(() => {
    for (const overlay of overlays.values()) overlay.remove();
    overlays.clear();
  });

  async function check(signal: CallSignal): Promise<void> {
    const [verdict, setting] = await Promise.all([
      sendToBackground('compliance/check-dial', { callKey: signal.callKey, remote: signal.remoteE164 ?? signal.remote }),
      uiLanguageSetting.getValue().catch(() => 'auto' as const),
    ]);
    if (ctx.isInvalid || verdict.action === 'none') return;
    const language = pickUiLanguage(navigator.languages, setting);
    overlays.get(signal.callKey)?.remove();
    overlays.set(
      signal.callKey,
      showGuardOverlay({
        document,
        verdict: { ...verdict, action: verdict.action },
        t: createTranslator(language),
        language,
        findHangUp: () => document.querySelector<HTMLElement>(hangUpSelector),
        override: async (reason) =>
          (await sendToBackground('compliance/override', { callKey: signal.callKey, reason })).recorded,
      }),
    );
  }

  return {
    /** Takes one call signal from the bridge. */
    observe(signal: CallSignal): void {
      if (signal.phase === 'ended') {
        overlays.get(signal.callKey)?.callEnded();
        return;
      }
      if (!watcher.shouldCheck(signal)) return;
      check(signal).catch(() => {
        // The worker refused or the extension reloaded; the dialer carries on and the background still records.
      });
    },
  };
}
