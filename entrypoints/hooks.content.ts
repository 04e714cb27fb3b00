import { encodePageFrame, PAGE_FRAME_EVENT } from '../lib/bridge/page-channel';
import { DECLARED_DIALER_MATCHES } from '../lib/detection/declared-origins';
import { installPeerConnectionHook } from '../lib/hooks/media-hook';
import { installWebSocketHook, type HookedFrame } from '../lib/hooks/websocket-hook';

/**
 * MAIN-world hooks: run before any page script so the dialer's sockets are created through the wrapper.
 * No extension APIs exist here; frames go to the ISOLATED bridge as strings.
 */
export default defineContentScript({
  matches: DECLARED_DIALER_MATCHES,
  world: 'MAIN',
  runAt: 'document_start',
  allFrames: true,
  matchAboutBlank: true,
  // about:blank, blob: and data: frames of an enabled page run its hooks too (CCP iframes write into those).
  matchOriginAsFallback: true,
  main() {
    // Captured now, before page scripts could replace them.
    const dispatch = window.dispatchEvent.bind(window);
    const PageEvent = CustomEvent;
    const report = (frame: HookedFrame) => dispatch(new PageEvent(PAGE_FRAME_EVENT, { detail: encodePageFrame(frame) }));
    installWebSocketHook(window, report);
    // Media only confirms a call another layer reported (lib/detection/confidence.ts); it never creates one.
    installPeerConnectionHook(window, report);
  },
});
