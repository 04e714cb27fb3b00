import { createDetectionBridge, isChildFrame } from '../lib/bridge/detection-bridge';
import { watchDomRule } from '../lib/bridge/dom-watch';
import { openBridgeChannel } from '../lib/bridge/page-channel';
import { findDomRule, readDomFields } from '../lib/detection/dom-rules';
import { createPageFieldsReporter } from '../lib/bridge/page-fields';
import { sendToBackground } from '../lib/extension/shared/messaging';
import { loadBridgeSettings } from '../lib/extension/content/bridge-settings';
import { createPortSender, SIGNAL_PORT_NAME } from '../lib/extension/shared/ports';
import { verdictOf } from '../lib/extension/content/signal-reply';
import { startPreDialGuard } from '../lib/extension/content/pre-dial-guard';
import { answerCallProbes } from '../lib/extension/content/call-probe';
import { envelope } from '../lib/protocol/envelope';

/**
 * The ISOLATED bridge: reads the hook's frames, the page's vendor CTI messages and the DOM rule for this origin,
 * merges them per call, and reports call signals to the background. Runs in every frame of an enabled origin.
 */
export default defineContentScript({
  // Where and how it runs: see hooks.content.ts.
  registration: 'runtime',
  main(ctx) {
    let wakeDom = () => {};
    /** Reads what the page shows about the debtor (the DOM rule's fields), once a rule is known. */
    let readFields: (() => Record<string, string>) | undefined;
    const fields = createPageFieldsReporter((callKey, values) => void sendToBackground('call/page-fields', { callKey, fields: values }).catch(() => undefined));
    const guard = startPreDialGuard(ctx);
    // Signals go over one long-lived port (a third of a sendMessage's cost), re-posted until acknowledged.
    const signals = createPortSender(() => browser.runtime.connect({ name: SIGNAL_PORT_NAME }));
    const bridge = createDetectionBridge({
      emit(signal) {
        // Sent first: waking the DOM rule reads the page, which the signal need not wait for.
        const sent = signals.send(envelope('call/signal', signal));
        wakeDom();
        guard.observe(signal, verdictOf(sent));
        if (readFields) fields.observe(signal, readFields);
      },
    });
    // The page is going away (reload, navigation, tab closed, back/forward cache): its live calls end with it.
    // While the signal port is open this last word arrives (and the port's disconnect says the same). After a
    // worker stop no port is open: Chromium drops a channel opened by a page that is going away, but opening it
    // wakes the worker, whose question to this frame (below) finds the page gone.
    ctx.addEventListener(window, 'pagehide', () => bridge.endLiveCalls());
    // A restarted worker asks which of the calls it holds live this frame still reports.
    answerCallProbes(ctx, () => bridge.reportedCalls());
    // The hook's frames arrive on the channel handed to it now, at document_start; no window event carries them.
    const hook = openBridgeChannel(window, (data) => bridge.acceptFrame(data));
    ctx.onInvalidated(() => hook.close());
    ctx.addEventListener(window, 'message', (event: MessageEvent) => {
      bridge.acceptMessage({ origin: event.origin, data: event.data, fromChildFrame: isChildFrame(window, event.source) });
    });

    void loadBridgeSettings().then(({ domRules, vendorOrigins }) => {
      if (ctx.isInvalid) return;
      if (Object.keys(vendorOrigins).length > 0) bridge.useVendorOrigins(vendorOrigins);
      const rule = findDomRule(domRules, location.href);
      if (!rule) return;
      // The guard ends a blocked attempt with the dialer's own hang-up control, as the rule names it.
      if (rule.selectors.hangupControl) guard.useHangUpSelector(rule.selectors.hangupControl);
      if (rule.fields) readFields = () => readDomFields(document, rule);
      const start = () => {
        const dom = watchDomRule(window, rule, (signals) => bridge.acceptDom(signals));
        wakeDom = () => dom.wake();
        ctx.onInvalidated(() => dom.stop());
        // Cheap hints that a call may start; the observer parks itself when no call shows for a minute.
        const hint = { capture: true, passive: true } as const;
        ctx.addEventListener(window, 'pointerdown', wakeDom, hint);
        ctx.addEventListener(window, 'keydown', wakeDom, hint);
        ctx.addEventListener(window, 'focus', wakeDom);
        dom.wake();
      };
      if (document.readyState === 'loading') ctx.addEventListener(document, 'DOMContentLoaded', start, { once: true });
      else start();
    });
  },
});
