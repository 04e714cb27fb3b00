import { encodePageFrame, PAGE_FRAME_EVENT } from '../lib/bridge/page-channel';
import { installPeerConnectionHook } from '../lib/hooks/media-hook';
import { installWebSocketHook, type HookedFrame } from '../lib/hooks/websocket-hook';

/**
 * MAIN-world hooks: run before any page script so the dialer's sockets are created through the wrapper.
 * No extension APIs exist here; frames go to the ISOLATED bridge as strings.
 */
export default defineContentScript({
  // Registered by the background on the origins the agent enabled (detection-registration.ts), and declared on the
  // demo origins by development builds only (wxt.config.ts): no origin here, or every build would require it.
  registration: 'runtime',
  world: 'MAIN',
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
