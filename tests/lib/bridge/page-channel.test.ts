// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CHANNEL_OFFER_EVENT,
  CHANNEL_REQUEST_EVENT,
  decodePageFrame,
  MAX_PAGE_FRAME_CHARS,
  openBridgeChannel,
  openHookChannel,
} from '../../../lib/bridge/page-channel';
import type { HookedFrame } from '../../../lib/hooks/websocket-hook';

/** What the bridge read off its end of the channel, once the port has delivered it. */
function bridgeInbox() {
  const received: unknown[] = [];
  let wake = () => {};
  return {
    received,
    onFrame: (data: unknown) => {
      received.push(data);
      wake();
    },
    async next(count: number): Promise<unknown[]> {
      while (received.length < count) await new Promise<void>((resolve) => (wake = resolve));
      return received;
    },
  };
}

// happy-dom brings a MessagePort class of its own beside Node's MessageChannel; in a browser the global MessagePort
// is the class of a MessageChannel's ports, which the hook relies on.
beforeAll(() => {
  const ports = new MessageChannel();
  globalThis.MessagePort = Object.getPrototypeOf(ports.port1).constructor as typeof MessagePort;
  ports.port1.close();
});

const frame: HookedFrame = { wire: 'sent', at: 5, data: 'INVITE sip:13800138000@x SIP/2.0\r\n' };
const opened: { close(): void }[] = [];
afterEach(() => {
  for (const channel of opened.splice(0)) channel.close();
});

describe('the private channel between the hook and the bridge (issue 14, item 6)', () => {
  it('connects when the hook runs first, and carries frames', async () => {
    const inbox = bridgeInbox();
    const report = openHookChannel(window);
    const bridge = openBridgeChannel(window, inbox.onFrame);
    opened.push(bridge);
    expect(bridge.handedOver).toBe(true);
    report(frame);
    report({ wire: 'received', at: 6, data: '1:connected', kind: 'media' });
    expect(await inbox.next(2)).toEqual([
      ['sent', 5, frame.data],
      ['received', 6, '1:connected', 'media'],
    ]);
  });

  it('connects when the bridge runs first: it waits for the hook and hands the port over when asked', async () => {
    const inbox = bridgeInbox();
    const bridge = openBridgeChannel(window, inbox.onFrame);
    opened.push(bridge);
    expect(bridge.handedOver).toBe(false);
    const report = openHookChannel(window);
    expect(bridge.handedOver).toBe(true);
    report(frame);
    expect(await inbox.next(1)).toEqual([['sent', 5, frame.data]]);
  });

  it('is closed to the page once the two have met: no port for a page that asks, none taken from a page that offers', async () => {
    const inbox = bridgeInbox();
    const report = openHookChannel(window);
    opened.push(openBridgeChannel(window, inbox.onFrame));

    // A page script asks for the channel the way the hook did, listening for the offer.
    const offeredToPage: unknown[] = [];
    const listen = (event: Event) => offeredToPage.push(...(event as MessageEvent).ports);
    window.addEventListener(CHANNEL_OFFER_EVENT, listen);
    expect(window.dispatchEvent(new Event(CHANNEL_REQUEST_EVENT))).toBe(true);
    window.removeEventListener(CHANNEL_OFFER_EVENT, listen);
    expect(offeredToPage).toEqual([]);

    // A page script offers the hook a port of its own: the hook keeps the bridge's.
    const forged = new MessageChannel();
    const seenByPage: unknown[] = [];
    forged.port1.onmessage = (event) => seenByPage.push(event.data);
    expect(window.dispatchEvent(new MessageEvent(CHANNEL_OFFER_EVENT, { ports: [forged.port2], cancelable: true }))).toBe(true);
    report(frame);
    expect(await inbox.next(1)).toEqual([['sent', 5, frame.data]]);
    expect(seenByPage).toEqual([]);
    forged.port1.close();
  });

  it('drops the public window event: a page dispatching onscript:frame reaches nothing', async () => {
    const inbox = bridgeInbox();
    opened.push(openBridgeChannel(window, inbox.onFrame));
    window.dispatchEvent(new CustomEvent('onscript:frame', { detail: JSON.stringify(['sent', 1, frame.data]) }));
    window.postMessage(['sent', 1, frame.data], '*');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(inbox.received).toEqual([]);
  });
});

describe('decodePageFrame', () => {
  it('reads a frame and refuses anything else', () => {
    expect(decodePageFrame(['sent', 5, 'BYE sip:1@x SIP/2.0'])).toEqual({ wire: 'sent', at: 5, data: 'BYE sip:1@x SIP/2.0' });
    expect(decodePageFrame(['received', 5, '{}', 'twilio'])).toEqual({ wire: 'received', at: 5, data: '{}', kind: 'twilio' });
    for (const forged of [
      { wire: 'sent' },
      '["sent",1,"x"]',
      ['sideways', 1, 'x'],
      ['sent', '1', 'x'],
      ['sent', 1, 2],
      ['sent', 1, 'x', 4],
      ['sent', 1, 'x', 'twilio', 'extra'],
      ['received', 1, 'not media', 'media'],
      ['sent', 1, 'x'.repeat(MAX_PAGE_FRAME_CHARS + 1)],
    ]) {
      expect(decodePageFrame(forged)).toBeUndefined();
    }
  });
});
