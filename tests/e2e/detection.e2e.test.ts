import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium';
import { readCallRecords } from '../../scripts/lib/demo-session';
import { waitFor } from '../../scripts/lib/process-utils';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server';
import { envelope } from '../../lib/protocol/envelope';

/**
 * Detection layers beyond the demo's SIP call, in the built extension: vendor CTI events (a local origin stands
 * in for RingCentral's through the vendor-origin setting), Twilio signaling, a DOM-rules fixture, forged events,
 * and a page on an origin that was never enabled. Pages are served from routes, not files.
 */

const html = (body: string) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>fixture</title><link rel="icon" href="data:,"></head><body>${body}</body></html>`,
  );
};

const ringCentralCall = (id: string) => ({ id, direction: 'Inbound', from: '+14155552671', to: '+14155550000' });
const rcSequence = (id: string) => [
  { type: 'rc-call-ring-notify', call: ringCentralCall(id) },
  { type: 'rc-call-start-notify', call: ringCentralCall(id) },
  { type: 'rc-call-end-notify', call: ringCentralCall(id) },
];

/** The vendor's CTI iframe: posts the RingCentral sequence to its parent when asked. */
const VENDOR_FRAME = `<script>
  addEventListener('message', (event) => {
    if (event.data !== 'go') return;
    const sequence = ${JSON.stringify(rcSequence('rc-e2e-1'))};
    sequence.forEach((message, i) => setTimeout(() => parent.postMessage(message, '*'), i * 300));
  });
</script>`;

/** Markup of the demo dialer's DOM rule (data-onscript-demo markers). */
const DOM_PANEL = `<div data-onscript-demo="call-panel">
  <button data-onscript-demo="hangup" disabled>Hang up</button>
  <span data-onscript-demo="remote-number"></span>
  <span data-onscript-demo="call-timer"></span>
  <p data-onscript-demo="incoming-call" hidden>Incoming</p>
  <p data-onscript-demo="hold-indicator" hidden>On hold</p>
</div>`;

describe('detection layers in the built extension', () => {
  let browser: ExtensionBrowser;
  let agent: StaticServer;
  let vendor: StaticServer;
  let extensionPage: Page;

  beforeAll(async () => {
    vendor = await startStaticServer('/nonexistent', { host: '127.0.0.2', routes: { '/vendor.html': html(VENDOR_FRAME), '/dom.html': html(DOM_PANEL) } });
    agent = await startStaticServer('/nonexistent', {
      host: '127.0.0.1',
      routes: {
        '/host.html': html(`<h1>CRM</h1><iframe title="phone" src="${vendor.origin}/vendor.html"></iframe>`),
        '/dom.html': html(DOM_PANEL),
        '/twilio.html': html('<h1>Twilio page</h1>'),
        '/blank.html': html('<h1>Blank</h1>'),
      },
    });
    browser = await launchChromiumWithExtension();
    extensionPage = await browser.context.newPage();
    await extensionPage.goto(browser.extensionUrl('options.html'));
    // Vendor origins are a setting (enterprises add their own regions); here 127.0.0.2 plays RingCentral, and so
    // does the host page's own origin, so that only the child-frame check stands between a self-post and a call.
    await extensionPage.evaluate(async (origins) => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } };
      await chrome.storage.local.set({ 'settings.detection.vendorOrigins': { ringcentral: origins } });
    }, ['http://127.0.0.2', 'http://127.0.0.1']);
    // Have the background create its database before this test reads it: reading first (indexedDB.open without
    // a version) would create an empty one that the background's upgrade then skips.
    await extensionPage.evaluate(async (message) => {
      const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
      await chrome.runtime.sendMessage(message);
    }, envelope('calls/list-recent', { limit: 1 }));
  });

  afterAll(async () => {
    await browser?.close();
    await agent?.close();
    await vendor?.close();
  });

  const records = () => readCallRecords(extensionPage);
  const recordsFrom = async (origin: string) => (await records()).filter((r) => r['origin'] === origin);
  const endedRecord = (origin: string, source: string) =>
    waitFor(
      async () => (await recordsFrom(origin)).find((r) => r['source'] === source && r['phase'] === 'ended'),
      { timeoutMs: 8_000, what: `an ended ${source} call record` },
    );

  it('ignores vendor events the page forges, then reads the real ones from the vendor iframe', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${agent.origin}/host.html`);
    await page.frameLocator('iframe').locator('script').waitFor({ state: 'attached' });
    // Forged: the page posts the vendor's messages to itself (its origin is configured as the vendor's), and
    // throws malformed frames at the hook channel.
    await page.evaluate((sequence) => {
      for (const message of sequence) window.postMessage(message, '*');
      window.dispatchEvent(new CustomEvent('onscript:frame', { detail: { not: 'a string' } }));
      window.dispatchEvent(new CustomEvent('onscript:frame', { detail: '["sent",1,"x".repeat(9),"twilio"]' }));
    }, rcSequence('forged-1'));
    await page.waitForTimeout(1_500);
    expect(await recordsFrom(agent.origin)).toEqual([]);

    await page.evaluate(() => document.querySelector('iframe')!.contentWindow!.postMessage('go', '*'));
    const record = await endedRecord(agent.origin, 'ringcentral');
    expect(record).toMatchObject({ direction: 'inbound', remoteNumber: '+14155552671', numberE164: '+14155552671', endReason: 'hangup' });
    expect(record['confidence']).toBeCloseTo(0.95);
    expect((await recordsFrom(agent.origin)).filter((r) => r['source'] === 'ringcentral')).toHaveLength(1);
    await page.close();
  });

  it('follows a Twilio Voice call from the signaling socket frames', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${agent.origin}/twilio.html`);
    await page.evaluate(async () => {
      const frame = (type: string, payload: object) => JSON.stringify({ type, version: '1.6', payload });
      const socket = new WebSocket('wss://voice-js.roaming.twilio.com/signal');
      const send = (text: string) => {
        try {
          socket.send(text);
        } catch {
          // The socket never connects here; the hook has read the frame before the native send throws.
        }
      };
      const receive = (text: string) => socket.dispatchEvent(new MessageEvent('message', { data: text }));
      const pause = () => new Promise((resolve) => setTimeout(resolve, 300));
      send(frame('invite', { callsid: 'TJSe2e1', sdp: 'v=0', twilio: { params: 'To=%2B14155552671' } }));
      await pause();
      receive(frame('ringing', { callsid: 'CAe2e1' }));
      await pause();
      receive(frame('answer', { callsid: 'CAe2e1' }));
      await pause();
      send(frame('hangup', { callsid: 'CAe2e1' }));
    });
    const record = await endedRecord(agent.origin, 'twilio-ws');
    expect(record).toMatchObject({ direction: 'outbound', numberE164: '+14155552671', endedBy: 'local', endReason: 'hangup' });
    expect(record['connectedAt']).toBeDefined();
    await page.close();
  });

  it('reads a call from the DOM rule on an enabled origin', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${agent.origin}/dom.html`);
    const set = (script: string) => page.evaluate(script);
    await page.waitForTimeout(500);
    await set(`document.querySelector('[data-onscript-demo="remote-number"]').textContent = '+447400123456';
      document.querySelector('[data-onscript-demo="hangup"]').disabled = false;`);
    await page.waitForTimeout(1_200);
    await set(`document.querySelector('[data-onscript-demo="call-timer"]').textContent = '0:01'`);
    await waitFor(async () => (await recordsFrom(agent.origin)).find((r) => r['source'] === 'dom' && r['phase'] === 'connected'), {
      timeoutMs: 5_000,
      what: 'a connected DOM call',
    });
    await page.waitForTimeout(1_200);
    await set(`document.querySelector('[data-onscript-demo="call-timer"]').textContent = '';
      document.querySelector('[data-onscript-demo="hangup"]').disabled = true;`);
    const record = await endedRecord(agent.origin, 'dom');
    expect(record).toMatchObject({ remoteNumber: '+447400123456', numberE164: '+447400123456', endReason: 'hangup', endedBy: 'unknown' });
    expect(record['confidence']).toBeCloseTo(0.6);
    await page.close();
  });

  it('injects nothing into a page on an origin that was never enabled', async () => {
    const enabled = await browser.context.newPage();
    await enabled.goto(`${agent.origin}/blank.html`);
    // Positive control: on an enabled origin the hook wraps send.
    expect(await enabled.evaluate(() => WebSocket.prototype.send.toString().includes('[native code]'))).toBe(false);
    await enabled.close();

    const page = await browser.context.newPage();
    await page.goto(`${vendor.origin}/dom.html`);
    expect(await page.evaluate(() => WebSocket.prototype.send.toString().includes('[native code]'))).toBe(true);
    await page.evaluate(() => {
      document.querySelector<HTMLElement>('[data-onscript-demo="remote-number"]')!.textContent = '+447400123456';
      document.querySelector<HTMLButtonElement>('[data-onscript-demo="hangup"]')!.disabled = false;
      document.querySelector<HTMLElement>('[data-onscript-demo="call-timer"]')!.textContent = '0:05';
    });
    await page.waitForTimeout(1_500);
    expect(await recordsFrom(vendor.origin)).toEqual([]);
    await page.close();
  });
});
