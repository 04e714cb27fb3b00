import { openHookChannel } from '../lib/bridge/page-channel';
import { installPeerConnectionHook } from '../lib/hooks/media-hook';
import { installWebSocketHook } from '../lib/hooks/websocket-hook';

/**
 * MAIN-world hooks: run before any page script so the dialer's sockets are created through the wrapper.
 * No extension APIs exist here; frames go to the ISOLATED bridge over the private channel it hands over now,
 * before the page could listen (lib/bridge/page-channel.ts).
 */
export default defineContentScript({
  // Registered by the background on the origins the agent enabled (detection-registration.ts), and declared on the
  // demo origins by development builds only (wxt.config.ts): no origin here, or every build would require it.
  registration: 'runtime',
  world: 'MAIN',
  main() {
    // First, while the page's globals are still the browser's own.
    const report = openHookChannel(window);
    installWebSocketHook(window, report);
    // Media only confirms a call another layer reported (lib/detection/confidence.ts); it never creates one.
    installPeerConnectionHook(window, report);
  },
});
