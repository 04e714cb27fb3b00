import { looksLikeSip } from '../sip/parse-sip-message';

/** What the MAIN-world hook passes to the ISOLATED bridge for each SIP frame. */
export interface HookedFrame {
  wire: 'sent' | 'received';
  at: number;
  data: string;
}

/** The window-like object the hook patches; a parameter so the hook runs against a fake in tests. */
export interface WebSocketHost {
  WebSocket: typeof WebSocket;
}

/**
 * Wraps the page's `WebSocket` so every string frame that looks like SIP is reported, in both directions.
 * The constructor is replaced by a Proxy (name, prototype, statics and `instanceof` stay as the page expects);
 * `send` is wrapped on the prototype. Non-SIP frames cost one string check and nothing else. Returns an undo.
 */
export function installWebSocketHook(
  host: WebSocketHost,
  report: (frame: HookedFrame) => void,
  now: () => number = Date.now,
): () => void {
  const NativeWebSocket = host.WebSocket;
  const proto = NativeWebSocket.prototype;
  const nativeSend = proto.send;

  const onMessage = (event: MessageEvent) => {
    const data: unknown = event.data;
    if (typeof data === 'string' && looksLikeSip(data)) safely(() => report({ wire: 'received', at: now(), data }));
  };

  proto.send = function send(this: WebSocket, data: Parameters<WebSocket['send']>[0]) {
    if (typeof data === 'string' && looksLikeSip(data)) safely(() => report({ wire: 'sent', at: now(), data }));
    return nativeSend.call(this, data);
  };

  host.WebSocket = new Proxy(NativeWebSocket, {
    construct(target, args, newTarget) {
      const socket = Reflect.construct(target, args, newTarget) as WebSocket;
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
