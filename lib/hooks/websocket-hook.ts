import { isTwilioSignalingUrl, looksLikeSip } from './frame-predicates';

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
 * Frames (string or binary, either direction) a socket may carry with none of them SIP before it is no longer
 * read: a chat, presence or market-data socket then costs the page nothing per message. A SIP client sends
 * REGISTER or INVITE as its first frames, and a socket that asked for the `sip` subprotocol (RFC 7118) is read
 * for its whole life whatever it carries.
 */
export const NON_SIP_FRAMES_BEFORE_RELEASE = 64;

/**
 * Wraps the page's `WebSocket` so every string frame that looks like SIP is reported, in both directions, and
 * every string frame of a Twilio Voice signaling socket (`wss://*.twilio.com/signal…`, told by its URL once, at
 * construction). The constructor is replaced by a Proxy (name, prototype, statics and `instanceof` stay as the
 * page expects); `send` is wrapped on the prototype. A socket that shows no SIP within its first
 * {@link NON_SIP_FRAMES_BEFORE_RELEASE} frames is released: its message listener is removed and its sends cost
 * one WeakSet lookup. Returns an undo.
 */
export function installWebSocketHook(
  host: WebSocketHost,
  report: (frame: HookedFrame) => void,
  now: () => number = Date.now,
): () => void {
  const NativeWebSocket = host.WebSocket;
  const proto = NativeWebSocket.prototype;
  const nativeSend = proto.send;

  // All weak, so a closed socket is forgotten with the page's last reference to it.
  const twilioSockets = new WeakSet<object>();
  /** Sockets known to carry SIP (a SIP frame seen, or the `sip` subprotocol asked for): never released. */
  const sipSockets = new WeakSet<object>();
  const released = new WeakSet<object>();
  const nonSipFrames = new WeakMap<object, number>();

  const release = (socket: WebSocket) => {
    released.add(socket);
    nonSipFrames.delete(socket);
    socket.removeEventListener('message', onMessage);
  };
  const pass = (socket: WebSocket, wire: HookedFrame['wire'], data: unknown) => {
    if (twilioSockets.has(socket)) {
      if (typeof data === 'string') safely(() => report({ wire, at: now(), data, kind: 'twilio' }));
      return;
    }
    if (typeof data === 'string' && looksLikeSip(data)) {
      sipSockets.add(socket);
      safely(() => report({ wire, at: now(), data }));
      return;
    }
    if (sipSockets.has(socket)) return;
    const seen = (nonSipFrames.get(socket) ?? 0) + 1;
    if (seen >= NON_SIP_FRAMES_BEFORE_RELEASE) release(socket);
    else nonSipFrames.set(socket, seen);
  };
  const onMessage = function (this: WebSocket, event: MessageEvent) {
    pass(this, 'received', event.data);
  };

  proto.send = function send(this: WebSocket, data: Parameters<WebSocket['send']>[0]) {
    if (!released.has(this)) pass(this, 'sent', data);
    return nativeSend.call(this, data);
  };

  host.WebSocket = new Proxy(NativeWebSocket, {
    construct(target, args, newTarget) {
      const socket = Reflect.construct(target, args, newTarget) as WebSocket;
      if (isTwilioSignalingUrl(String(args[0]))) twilioSockets.add(socket);
      else if (asksForSip(args[1])) sipSockets.add(socket);
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

/** Whether the constructor's `protocols` argument names the `sip` subprotocol. */
function asksForSip(protocols: unknown): boolean {
  if (typeof protocols === 'string') return protocols.toLowerCase() === 'sip';
  if (!Array.isArray(protocols)) return false;
  // Bounded: a page passing thousands of subprotocols is no SIP client.
  for (let i = 0; i < protocols.length && i < 16; i += 1) {
    const p: unknown = protocols[i];
    if (typeof p === 'string' && p.toLowerCase() === 'sip') return true;
  }
  return false;
}

/** A failing reporter must never break the page's own socket traffic. */
function safely(work: () => void): void {
  try {
    work();
  } catch {
    // Reporting is best effort.
  }
}
