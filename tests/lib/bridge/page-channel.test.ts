// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import {
  CHANNEL_FRAME_EVENT,
  CHANNEL_OFFER_EVENT,
  CHANNEL_REQUEST_EVENT,
  decodePageFrame,
  MAX_PAGE_FRAME_CHARS,
  openBridgeChannel,
  openHookChannel,
} from '../../../lib/bridge/page-channel';
import type { HookedFrame } from '../../../lib/hooks/websocket-hook';

const frame: HookedFrame = { wire: 'sent', at: 5, data: 'INVITE sip:13800138000@x SIP/2.0\r\n' };
const opened: { close(): void }[] = [];
afterEach(() => {
  for (const channel of opened.splice(0)) channel.close();
});

describe('the private channel between the hook and the bridge (issue 14, item 6)', () => {
  it('connects when the hook runs first, and hands each frame over before the report returns', () => {
    const received: unknown[] = [];
    const report = openHookChannel(window);
    const bridge = openBridgeChannel(window, (data) => received.push(data));
    opened.push(bridge);
    expect(bridge.handedOver).toBe(true);
    report(frame);
    // Synchronous: the bridge holds the frame before the page's own handlers of the same socket message run.
    expect(received).toEqual([['sent', 5, frame.data]]);
    report({ wire: 'received', at: 6, data: '1:connected', kind: 'media' });
    expect(received).toEqual([
      ['sent', 5, frame.data],
      ['received', 6, '1:connected', 'media'],
    ]);
  });

  it('connects when the bridge runs first: it waits for the hook and hands the channel over when asked', () => {
    const received: unknown[] = [];
    const bridge = openBridgeChannel(window, (data) => received.push(data));
    opened.push(bridge);
    expect(bridge.handedOver).toBe(false);
    const report = openHookChannel(window);
    expect(bridge.handedOver).toBe(true);
    report(frame);
    expect(received).toEqual([['sent', 5, frame.data]]);
  });

  it('is closed to the page once the two have met: nothing for a page that asks, nothing taken from a page that offers', () => {
    const received: unknown[] = [];
    const report = openHookChannel(window);
    opened.push(openBridgeChannel(window, (data) => received.push(data)));

    // A page script asks for the channel the way the hook did, listening for the offer.
    const offeredToPage: unknown[] = [];
    const listen = (event: Event) => offeredToPage.push((event as MouseEvent).relatedTarget);
    window.addEventListener(CHANNEL_OFFER_EVENT, listen);
    expect(window.dispatchEvent(new Event(CHANNEL_REQUEST_EVENT))).toBe(true);
    window.removeEventListener(CHANNEL_OFFER_EVENT, listen);
    expect(offeredToPage).toEqual([]);

    // A page script offers the hook an element of its own: the hook keeps the bridge's.
    const forged = document.createElement('span');
    const seenByPage: unknown[] = [];
    forged.addEventListener(CHANNEL_FRAME_EVENT, (event) => seenByPage.push((event as CustomEvent).detail));
    expect(window.dispatchEvent(new MouseEvent(CHANNEL_OFFER_EVENT, { relatedTarget: forged, cancelable: true }))).toBe(true);
    report(frame);
    expect(received).toEqual([['sent', 5, frame.data]]);
    expect(seenByPage).toEqual([]);
  });

  it('carries no frame on the window: a page dispatching one there, or posting one, reaches nothing', async () => {
    const received: unknown[] = [];
    opened.push(openBridgeChannel(window, (data) => received.push(data)));
    window.dispatchEvent(new CustomEvent(CHANNEL_FRAME_EVENT, { detail: ['sent', 1, frame.data] }));
    window.dispatchEvent(new CustomEvent('onscript:frame', { detail: JSON.stringify(['sent', 1, frame.data]) }));
    window.postMessage(['sent', 1, frame.data], '*');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(received).toEqual([]);
  });

  it('keeps what the hook reports before the bridge is there, and hands it over with the channel', () => {
    const received: unknown[] = [];
    const report = openHookChannel(window);
    report(frame);
    opened.push(openBridgeChannel(window, (data) => received.push(data)));
    expect(received).toEqual([['sent', 5, frame.data]]);
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
