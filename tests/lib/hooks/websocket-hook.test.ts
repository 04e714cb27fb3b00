import { describe, expect, it } from 'vitest';
import { installWebSocketHook, type HookedFrame, type WebSocketHost } from '../../../lib/hooks/websocket-hook';

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
