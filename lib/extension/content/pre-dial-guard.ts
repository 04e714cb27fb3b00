import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { showGuardOverlay, type GuardOverlay } from './guard-overlay';
import type { CallSignal } from '../../calls/types';
import { MAX_REMEMBERED_CALLS, createDialWatcher, mayCancel, type BlockOutcome, type GuardVerdict } from '../../compliance/pre-dial';
import { complianceCatalog } from '../../i18n/catalogs/compliance';
import { createCatalogTranslator } from '../../i18n/catalogs/define-catalog';
import { pickUiLanguage } from '../../i18n/language';
import { sendToBackground } from '../shared/messaging';
import { readUiLanguageInForce } from '../shared/ui-language';

/** The dialer's hang-up control, as the demo marks it; a page's DOM rule names its own (`hangupControl`). */
export const DEFAULT_HANG_UP_SELECTOR = '[data-onscript-demo="hangup"]:not([disabled])';

/** How long the guard looks for the hang-up control before telling the agent to end the call (the dialer may re-render). */
const FIND_CONTROL_MS = 1_000;
const FIND_CONTROL_STEP_MS = 100;

/** The page's hang-up control, or null after {@link FIND_CONTROL_MS}. */
async function waitForControl(find: () => HTMLElement | null): Promise<HTMLElement | null> {
  const deadline = Date.now() + FIND_CONTROL_MS;
  for (;;) {
    const control = find();
    if (control || Date.now() >= deadline) return control;
    await new Promise((resolve) => setTimeout(resolve, FIND_CONTROL_STEP_MS));
  }
}

/**
 * The pre-dial guard in a dialer frame. Feed it every call signal the bridge emits (after the bridge has sent it
 * to the background): on the start of an outbound call it asks the background for a verdict and, on a breach,
 * shows the overlay. On a "block" for a call not answered yet it ends the attempt itself by pressing the
 * dialer's own hang-up control (a SIP dialer then sends CANCEL), so the page's signaling stays the page's; with
 * no such control, or once the call is answered, it tells the agent to end the call and offers a button.
 */
export function startPreDialGuard(ctx: ContentScriptContext) {
  const watcher = createDialWatcher();
  /**
   * The one overlay on screen, for the latest checked attempt: a newer verdict replaces it (the older attempt's
   * is stale by then), so a page that dials again and again never piles overlays up.
   */
  let shown: { callKey: string; overlay: GuardOverlay } | undefined;
  const clearOverlay = () => {
    shown?.overlay.remove();
    shown = undefined;
  };
  const overlayFor = (callKey: string) => (shown?.callKey === callKey ? shown.overlay : undefined);
  /** The latest phase per call, to know whether it is still early enough to cancel when the verdict comes. */
  const phases = new Map<string, CallSignal['phase']>();
  let hangUpSelector = DEFAULT_HANG_UP_SELECTOR;
  ctx.onInvalidated(clearOverlay);
  const findHangUp = () => document.querySelector<HTMLElement>(hangUpSelector);

  async function check(signal: CallSignal, reply: Promise<GuardVerdict | undefined>): Promise<void> {
    // The guard acts on the verdict, never later for the policy's language (a cold browser answers managed storage slowly).
    const [verdict, setting] = await Promise.all([reply, readUiLanguageInForce({ policyDeadline: reply })]);
    if (ctx.isInvalid || !verdict || verdict.action === 'none') return;
    let outcome: BlockOutcome | undefined;
    let control: HTMLElement | null = null;
    if (verdict.action === 'block') {
      control = mayCancel(phases.get(signal.callKey)) ? await waitForControl(findHangUp) : null;
      if (ctx.isInvalid) return;
      outcome = !mayCancel(phases.get(signal.callKey)) ? 'answered' : control ? 'cancelled' : 'no-control';
    }
    const language = pickUiLanguage(navigator.languages, setting);
    clearOverlay();
    shown = {
      callKey: signal.callKey,
      overlay: showGuardOverlay({
        document,
        verdict: { ...verdict, action: verdict.action },
        t: createCatalogTranslator(complianceCatalog, language),
        language,
        ...(outcome ? { outcome } : {}),
        findHangUp,
        override: async (reason) =>
          (await sendToBackground('compliance/override', { callKey: signal.callKey, reason })).recorded,
      }),
    };
    // Pressed after the overlay says so, so the agent is never left wondering why the call stopped.
    if (outcome === 'cancelled') control?.click();
    if (phases.get(signal.callKey) === 'ended') overlayFor(signal.callKey)?.callEnded();
  }

  return {
    /** Uses the page's DOM rule's hang-up control instead of the demo's. */
    useHangUpSelector(selector: string): void {
      hangUpSelector = selector;
    },
    /**
     * Takes one call signal from the bridge, with the background's verdict on the call as the reply to that
     * signal brings it (the verdict is computed once, in the signal's own pass through the background).
     */
    observe(signal: CallSignal, verdict: Promise<GuardVerdict | undefined>): void {
      phases.delete(signal.callKey);
      phases.set(signal.callKey, signal.phase);
      if (phases.size > MAX_REMEMBERED_CALLS) {
        const oldest = phases.keys().next().value;
        if (oldest !== undefined) phases.delete(oldest);
      }
      if (signal.phase === 'ended') {
        overlayFor(signal.callKey)?.callEnded();
        return;
      }
      if (!watcher.shouldCheck(signal)) return;
      check(signal, verdict).catch(() => {
        // The worker refused or the extension reloaded; the dialer carries on and the background still records.
      });
    },
  };
}
