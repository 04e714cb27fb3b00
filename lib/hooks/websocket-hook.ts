import { isTwilioSignalingUrl } from '../detection/twilio';
import { looksLikeSip } from '../sip/parse-sip-message';

/** What the MAIN-world hook passes to the ISOLATED bridge for each SIP or Twilio frame. */
export interface HookedFrame {
  wire: 'sent' | 'received';
  at: number;
  data: string;
  /**
   * `twilio` for any string frame on a Twilio Voice signaling socket; `media` for a peer connection that reached
   * `connected` (data `<n>:connected`, see media-hook.ts); absent for SIP.
   */
  kind?: 'twilio' | 'media';
}

/** The window-like object the hook patches; a parameter so the hook runs against a fake in tests. */
export interface WebSocketHost {
  WebSocket: typeof WebSocket;
}

/**
 * Wraps the page's `WebSocket` so every string frame that looks like SIP is reported, in both directions, and
 * every string frame of a Twilio Voice signaling socket (`wss://*.twilio.com/signal…`, told by its URL once, at
 * construction). The constructor is replaced by a Proxy (name, prototype, statics and `instanceof` stay as the
 * page expects); `send` is wrapped on the prototype. Other frames cost one string check and a WeakSet lookup
 * and nothing else. Returns an undo.
 */
export function installWebSocketHook(
  host: WebSocketHost,
  report: (frame: HookedFrame) => void,
  now: () => number = Date.now,
): () => void {
  const NativeWebSocket = host.WebSocket;
  const proto = NativeWebSocket.prototype;
  const nativeSend = proto.send;

  // Weak, so a closed socket is forgotten with the page's last reference to it.
  const twilioSockets = new WeakSet<object>();
  const pass = (socket: object, wire: HookedFrame['wire'], data: unknown) => {
    if (typeof data !== 'string') return;
    if (twilioSockets.has(socket)) safely(() => report({ wire, at: now(), data, kind: 'twilio' }));
    else if (looksLikeSip(data)) safely(() => report({ wire, at: now(), data }));
  };
  const onMessage = function (this: WebSocket, event: MessageEvent) {
    pass(this, 'received', event.data);
  };

  proto.send = function send(this: WebSocket, data: Parameters<WebSocket['send']>[0]) {
    pass(this, 'sent', data);
    return nativeSend.call(this, data);
  };

  host.WebSocket = new Proxy(NativeWebSocket, {
    construct(target, args, newTarget) {
      const socket = Reflect.construct(target, args, newTarget) as WebSocket;
      if (isTwilioSignalingUrl(String(args[0]))) twilioSockets.add(socket);
      // Listening (rather than wrapping `onmessage`) sees frames however the page subscribes.
      socket.addEventListener('message', onMessage);
      return socket;
    },
  });

  return () => {
    proto.send = nativeSend;
    host.WebSocket = NativeWebSocket;
  };
}

/** A failing reporter must never break the page's own socket traffic. */
function safely(work: () => void): void {
  try {
    work();
  } catch {
    // Reporting is best effort.
  }
}
