import { describe, expect, it } from 'vitest';
import {
  createPanelPortListener,
  createPortSender,
  MAX_UNACKNOWLEDGED,
  readSequencedMessage,
  type PortLike,
} from '../../../../lib/extension/shared/ports';

/** A fake runtime port: records posts; the test plays the background (acks, disconnects). */
class FakePort implements PortLike {
  posted: unknown[] = [];
  private messageListeners: ((m: unknown) => void)[] = [];
  private disconnectListeners: (() => void)[] = [];
  disconnected = false;
  constructor(readonly name: string) {}
  postMessage(message: unknown) {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    this.posted.push(message);
  }
  disconnect() {
    this.disconnected = true;
  }
  onMessage = { addListener: (l: (m: unknown) => void) => void this.messageListeners.push(l) };
  onDisconnect = { addListener: (l: () => void) => void this.disconnectListeners.push(l) };
  /** The background answers. */
  deliver(message: unknown) {
    for (const l of this.messageListeners) l(message);
  }
  /** The worker stopped: the browser closes the port and tells the other side. */
  drop() {
    this.disconnected = true;
    for (const l of this.disconnectListeners) l();
  }
}

function connector(name = 'onscript:signals') {
  const ports: FakePort[] = [];
  const connect = () => {
    const port = new FakePort(name);
    ports.push(port);
    return port;
  };
  return { ports, connect };
}

const seqs = (port: FakePort | undefined) => (port?.posted ?? []).map((m) => (m as { seq: number }).seq);

describe('createPortSender', () => {
  it('connects on first send and posts sequenced messages in order', () => {
    const { ports, connect } = connector();
    const sender = createPortSender(connect);
    expect(ports).toHaveLength(0);
    sender.send('a');
    sender.send('b');
    expect(ports).toHaveLength(1);
    expect(ports[0]!.posted).toEqual([
      { seq: 0, message: 'a' },
      { seq: 1, message: 'b' },
    ]);
  });

  it('forgets what the background acknowledged', () => {
    const { ports, connect } = connector();
    const sender = createPortSender(connect);
    sender.send('a');
    sender.send('b');
    ports[0]!.deliver({ ack: 0 });
    expect(sender.pendingCount).toBe(1);
  });

  it('re-posts unacknowledged messages over a new port when the worker stops, in order', () => {
    const { ports, connect } = connector();
    const sender = createPortSender(connect);
    sender.send('a');
    sender.send('b');
    sender.send('c');
    ports[0]!.deliver({ ack: 0 });
    ports[0]!.drop();
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted).toEqual([
      { seq: 1, message: 'b' },
      { seq: 2, message: 'c' },
    ]);
  });

  it('reconnects lazily when nothing was pending, and re-posts a message posted into a dead port', () => {
    const { ports, connect } = connector();
    const sender = createPortSender(connect);
    sender.send('a');
    ports[0]!.deliver({ ack: 0 });
    ports[0]!.drop();
    expect(ports).toHaveLength(1);
    sender.send('b');
    expect(seqs(ports[1])).toEqual([1]);
    // The port dies between the browser closing it and the frame hearing so: the post throws, the
    // disconnect that follows re-posts.
    ports[1]!.disconnected = true;
    sender.send('c');
    ports[1]!.drop();
    expect(seqs(ports[2])).toEqual([1, 2]);
  });

  it('keeps at most MAX_UNACKNOWLEDGED messages, dropping the oldest', () => {
    const { ports, connect } = connector();
    const sender = createPortSender(connect);
    for (let i = 0; i < MAX_UNACKNOWLEDGED + 10; i += 1) sender.send(i);
    expect(sender.pendingCount).toBe(MAX_UNACKNOWLEDGED);
    ports[0]!.drop();
    expect(seqs(ports[1])[0]).toBe(10);
  });

  it('goes quiet when the extension is gone (connect throws)', () => {
    let calls = 0;
    const sender = createPortSender(() => {
      calls += 1;
      throw new Error('Extension context invalidated.');
    });
    expect(() => sender.send('a')).not.toThrow();
    sender.send('b');
    expect(calls).toBe(1);
    expect(sender.pendingCount).toBe(0);
  });
});

describe('readSequencedMessage', () => {
  it('accepts a sequence number and any message, and nothing else', () => {
    expect(readSequencedMessage({ seq: 3, message: { x: 1 } })).toEqual({ seq: 3, message: { x: 1 } });
    for (const bad of [null, 'x', { seq: -1 }, { seq: 1.5 }, { seq: '1' }, { message: 1 }]) expect(readSequencedMessage(bad)).toBeUndefined();
  });
});

describe('createPanelPortListener', () => {
  it('hears pushes, does not reopen a dropped port by itself, and reopens on reconnect()', () => {
    const { ports, connect } = connector('onscript:panel');
    const heard: unknown[] = [];
    const listener = createPanelPortListener(connect, (m) => heard.push(m));
    ports[0]!.deliver('state 1');
    ports[0]!.drop();
    expect(listener.connected).toBe(false);
    expect(ports).toHaveLength(1);
    listener.reconnect();
    listener.reconnect();
    expect(ports).toHaveLength(2);
    ports[1]!.deliver('state 2');
    expect(heard).toEqual(['state 1', 'state 2']);
    listener.stop();
    expect(ports[1]!.disconnected).toBe(true);
    listener.reconnect();
    expect(ports).toHaveLength(2);
  });
});
