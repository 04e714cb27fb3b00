import { PAGE_FRAME_EVENT } from '../lib/bridge/page-channel';
import { createSipBridge } from '../lib/bridge/sip-bridge';
import { DECLARED_DIALER_MATCHES } from '../lib/extension/dialer-origins';
import { sendToBackground } from '../lib/extension/messaging';

/** The ISOLATED bridge: reads the hook's frames, tracks calls, and reports call signals to the background. */
export default defineContentScript({
  matches: DECLARED_DIALER_MATCHES,
  runAt: 'document_start',
  allFrames: true,
  matchAboutBlank: true,
  main(ctx) {
    const bridge = createSipBridge((signal) => {
      sendToBackground('call/signal', signal).catch(() => {
        // The extension was reloaded or the worker refused the signal; the page carries on either way.
      });
    });
    const onFrame = (event: Event) => bridge.accept((event as CustomEvent<unknown>).detail);
    ctx.addEventListener(window, PAGE_FRAME_EVENT as keyof WindowEventMap, onFrame);
  },
});
