import { describe, expect, it } from 'vitest';
import {
  installWebSocketHook,
  NON_SIP_FRAMES_BEFORE_RELEASE,
  type HookedFrame,
  type WebSocketHost,
} from '../../../lib/hooks/websocket-hook';

/** A stand-in for the browser's WebSocket: records sends, lets the test deliver messages. */
class FakeSocket extends EventTarget {
  static readonly OPEN = 1;
  sent: unknown[] = [];
  constructor(readonly url: string, readonly protocols?: string | string[]) {
    super();
  }
  send(data: unknown) {
    this.sent.push(data);
  }
  deliver(data: unknown) {
    this.dispatchEvent(Object.assign(new Event('message'), { data }));
  }
}

function setUp() {
  const host = { WebSocket: FakeSocket as unknown as typeof WebSocket } as WebSocketHost;
  const frames: HookedFrame[] = [];
  const undo = installWebSocketHook(host, (frame) => frames.push(frame), () => 42);
  const Hooked = host.WebSocket as unknown as typeof FakeSocket;
  return { host, frames, undo, Hooked };
}

describe('installWebSocketHook', () => {
  it('reports SIP frames in both directions and passes everything through', () => {
    const { frames, Hooked } = setUp();
    const socket = new Hooked('wss://pbx.example/ws', 'sip');
    socket.send('INVITE sip:1@x SIP/2.0\r\nCall-ID: a\r\n\r\n');
    socket.send('{"type":"ping"}');
    socket.deliver('SIP/2.0 200 OK\r\nCall-ID: a\r\n\r\n');
    socket.deliver(new ArrayBuffer(4));
    expect(frames.map((f) => [f.wire, f.data.slice(0, 14), f.at])).toEqual([
      ['sent', 'INVITE sip:1@x', 42],
      ['received', 'SIP/2.0 200 OK', 42],
    ]);
    expect(socket.sent).toHaveLength(2);
  });

  it('reports every string frame of a Twilio signaling socket, marked, and nothing of other JSON sockets', () => {
    const { frames, Hooked } = setUp();
    const twilio = new Hooked('wss://voice-js.roaming.twilio.com/signal');
    const other = new Hooked('wss://chat.example.com/signal');
    twilio.send('{"type":"invite","payload":{"callsid":"TJS1"}}');
    twilio.deliver('{"type":"answer","payload":{"callsid":"CA1"}}');
    twilio.deliver(new ArrayBuffer(2));
    other.send('{"type":"invite"}');
    other.deliver('{"type":"answer"}');
    expect(frames.map((f) => [f.wire, f.kind, f.data.slice(0, 15)])).toEqual([
      ['sent', 'twilio', '{"type":"invite'],
      ['received', 'twilio', '{"type":"answer'],
    ]);
  });

  it('stops reading a socket whose first frames carry no SIP, in both directions', () => {
    const { frames, Hooked } = setUp();
    const presence = new Hooked('wss://presence.example/ws');
    let removed = 0;
    const remove = presence.removeEventListener.bind(presence);
    presence.removeEventListener = (...args: Parameters<typeof remove>) => {
      removed += 1;
      remove(...args);
    };
    for (let i = 0; i < NON_SIP_FRAMES_BEFORE_RELEASE - 1; i += 1) presence.deliver(`{"n":${i}}`);
    expect(removed).toBe(0);
    presence.send(new ArrayBuffer(1));
    expect(removed).toBe(1);
    presence.deliver('SIP/2.0 200 OK\r\nCall-ID: late\r\n\r\n');
    presence.send('INVITE sip:1@x SIP/2.0\r\nCall-ID: late\r\n\r\n');
    expect(frames).toEqual([]);
    // Released sockets still send: the page's traffic is untouched.
    expect(presence.sent).toHaveLength(2);
  });

  it('keeps reading a socket that asked for the sip subprotocol or has carried SIP, whatever else it carries', () => {
    const { frames, Hooked } = setUp();
    const asked = new Hooked('wss://pbx.example/ws', ['chat', 'SIP']);
    const proven = new Hooked('wss://gateway.example/ws');
    proven.send('REGISTER sip:x SIP/2.0\r\nCall-ID: r\r\n\r\n');
    for (let i = 0; i < NON_SIP_FRAMES_BEFORE_RELEASE * 2; i += 1) {
      asked.deliver('\r\n\r\n');
      proven.deliver(`{"keepalive":${i}}`);
    }
    asked.deliver('SIP/2.0 180 Ringing\r\nCall-ID: a\r\n\r\n');
    proven.deliver('SIP/2.0 200 OK\r\nCall-ID: r\r\n\r\n');
    expect(frames.map((f) => f.data.slice(0, 19))).toEqual(['REGISTER sip:x SIP/', 'SIP/2.0 180 Ringing', 'SIP/2.0 200 OK\r\nCal']);
  });

  it('keeps the constructor looking native to the page', () => {
    const { Hooked } = setUp();
    const socket = new Hooked('wss://x');
    expect(socket).toBeInstanceOf(Hooked);
    expect(socket).toBeInstanceOf(FakeSocket);
    expect(Hooked.name).toBe('FakeSocket');
    expect(Hooked.OPEN).toBe(1);
    expect(socket.protocols).toBeUndefined();
  });

  it('never lets a failing reporter break the page', () => {
    const host = { WebSocket: FakeSocket as unknown as typeof WebSocket } as WebSocketHost;
    installWebSocketHook(host, () => {
      throw new Error('boom');
    });
    const socket = new (host.WebSocket as unknown as typeof FakeSocket)('wss://x');
    expect(() => socket.send('BYE sip:1@x SIP/2.0\r\n')).not.toThrow();
    expect(socket.sent).toHaveLength(1);
  });

  it('undoes itself', () => {
    const { host, undo } = setUp();
    undo();
    expect(host.WebSocket).toBe(FakeSocket);
  });
});
