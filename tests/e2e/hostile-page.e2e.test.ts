import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_NEW_CALLS_PER_MINUTE } from '../../lib/calls/tab-calls';
import { envelope } from '../../lib/protocol/envelope';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../scripts/lib/chromium';
import { readCallRecords, tabIdOf } from '../../scripts/lib/demo-session';
import { waitFor } from '../../scripts/lib/process-utils';
import { startStaticServer, type StaticServer } from '../../scripts/lib/static-server';
import { SidePanelPage } from './pages/side-panel-page';
import { contentScriptWorld } from './support/content-world';

/**
 * Issue 14: a dialer page is someone else's code, and a script injected into a CRM runs with the page's powers.
 * Here such a script, in a page on an enabled origin of the built extension in real Chromium, tries what the
 * review found: forging call signals through the hook's channel (item 6), flooding the tab with attempts, and,
 * from the extension's own content script world (a compromised or buggy content script), telling the side panel
 * a forged state (item 7).
 */

const html = (body: string) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CRM</title><link rel="icon" href="data:,"></head><body>${body}</body></html>`,
  );
};

/** A SIP INVITE for `number` with Call-ID `id`, as a softphone would send it. */
const invite = (id: string, number: string) =>
  [
    `INVITE sip:${number}@x SIP/2.0`,
    'Via: SIP/2.0/WSS x;branch=z9hG4bK' + id,
    `Call-ID: ${id}@x`,
    'CSeq: 1 INVITE',
    'From: <sip:agent@x>;tag=a' + id,
    `To: <sip:${number}@x>`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');

type ChromeApi = { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };

describe('a hostile script in a dialer page', () => {
  let browser: ExtensionBrowser;
  let site: StaticServer;
  let extensionPage: Page;

  beforeAll(async () => {
    site = await startStaticServer('/nonexistent', { host: '127.0.0.1', routes: { '/crm.html': html('<h1>CRM with an injected script</h1>') } });
    browser = await launchChromiumWithExtension();
    extensionPage = await browser.context.newPage();
    await extensionPage.goto(browser.extensionUrl('options.html'));
    // The background creates its database before the test reads it (see detection.e2e.test.ts).
    await extensionPage.evaluate(async (message) => {
      await (globalThis as unknown as ChromeApi).chrome.runtime.sendMessage(message);
    }, envelope('calls/list-recent', { limit: 1 }));
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const recordsFrom = async (origin: string) => (await readCallRecords(extensionPage)).filter((record) => record['origin'] === origin);

  async function openCrm(): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${site.origin}/crm.html`);
    // The hook is in: the page's WebSocket is OnScript's wrapper.
    expect(await page.evaluate(() => !WebSocket.prototype.send.toString().includes('[native code]'))).toBe(true);
    return page;
  }

  it("cannot forge call signals through the hook's channel: no public event, no channel for the asking (item 6)", async () => {
    const page = await openCrm();
    const probe = await page.evaluate(async (frame) => {
      // 1. The public events a frame could be forged on: the one the hook used to report on, and the channel's own.
      for (let i = 0; i < 50; i++) {
        window.dispatchEvent(new CustomEvent('onscript:frame', { detail: JSON.stringify(['sent', Date.now(), frame.replaceAll('forged-0', `forged-${i}`)]) }));
        window.dispatchEvent(new CustomEvent('onscript:channel-frame', { detail: ['sent', Date.now(), frame.replaceAll('forged-0', `forged-w${i}`)] }));
      }
      // 2. Asking for the private channel the way the hook does, and offering the hook a channel of its own
      // (an element of the page's, and a port as an earlier version of the channel took).
      const offered: unknown[] = [];
      const listen = (event: Event) => {
        const { relatedTarget } = event as MouseEvent;
        if (relatedTarget) offered.push(relatedTarget);
        offered.push(...((event as MessageEvent).ports ?? []));
      };
      window.addEventListener('onscript:channel-offer', listen);
      window.dispatchEvent(new Event('onscript:channel-request'));
      window.removeEventListener('onscript:channel-offer', listen);
      const heard: unknown[] = [];
      const own = document.createElement('span');
      own.addEventListener('onscript:channel-frame', (event) => heard.push((event as CustomEvent).detail));
      const ownPort = new MessageChannel();
      ownPort.port1.onmessage = (event) => heard.push(event.data);
      const elementTaken = !window.dispatchEvent(new MouseEvent('onscript:channel-offer', { relatedTarget: own, cancelable: true }));
      const portTaken = !window.dispatchEvent(new MessageEvent('onscript:channel-offer', { ports: [ownPort.port2], cancelable: true }));
      // A frame the hook reads from a socket of the page's after that still goes to OnScript, not to the page.
      const socket = new WebSocket('ws://127.0.0.1:9/');
      try {
        socket.send(frame.replaceAll('forged-0', 'hooked-1').replaceAll('13900139000', '13900139001'));
      } catch {
        // Never connected; the hook read the frame before the native send threw.
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { offered: offered.length, taken: elementTaken || portTaken, heard: heard.length };
    }, invite('forged-0', '13900139000'));
    expect(probe).toEqual({ offered: 0, taken: false, heard: 0 });

    // The hooked frame is recorded (the channel works) and none of the forged ones is.
    const records = await waitFor(async () => ((await recordsFrom(site.origin)).length > 0 ? recordsFrom(site.origin) : undefined), {
      timeoutMs: 8_000,
      what: 'the hooked call recorded',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await recordsFrom(site.origin)).map((record) => record['remoteNumber'])).toEqual(['13900139001']);
    expect(records).toHaveLength(1);
    await page.close();
  });

  it(`records at most ${MAX_NEW_CALLS_PER_MINUTE} of 120 attempts a page makes and ends within seconds (item 6)`, async () => {
    const before = (await recordsFrom(site.origin)).length;
    const page = await openCrm();
    await page.evaluate(async () => {
      const crlf = '\r\n';
      const socket = new WebSocket('ws://127.0.0.1:9/');
      const recv = (text: string) => socket.dispatchEvent(new MessageEvent('message', { data: text }));
      const send = (text: string) => {
        try {
          socket.send(text);
        } catch {
          // Never connected; the hook has read it.
        }
      };
      for (let i = 0; i < 120; i++) {
        const number = `1370013${String(1000 + i)}`;
        const head = (first: string, cseq: string) =>
          first + crlf + 'Via: SIP/2.0/WSS x;branch=z9hG4bKf' + i + crlf + 'Call-ID: flood-' + i + '@x' + crlf + 'CSeq: ' + cseq + crlf +
          'From: <sip:agent@x>;tag=a' + i + crlf + 'To: <sip:' + number + '@x>' + (first.startsWith('SIP') ? ';tag=b' + i : '') + crlf +
          'Content-Length: 0' + crlf + crlf;
        send(head(`INVITE sip:${number}@x SIP/2.0`, '1 INVITE'));
        recv(head('SIP/2.0 180 Ringing', '1 INVITE'));
        send(head(`CANCEL sip:${number}@x SIP/2.0`, '1 CANCEL'));
        recv(head('SIP/2.0 487 Request Terminated', '1 INVITE'));
        // Paced under the bridge's own frame limit, so every attempt reaches the background.
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    });
    const counted = await waitFor(
      async () => {
        const count = (await recordsFrom(site.origin)).length - before;
        return count >= MAX_NEW_CALLS_PER_MINUTE ? count : undefined;
      },
      { timeoutMs: 10_000, what: 'the first attempts recorded' },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await recordsFrom(site.origin)).length - before).toBe(MAX_NEW_CALLS_PER_MINUTE);
    expect(counted).toBe(MAX_NEW_CALLS_PER_MINUTE);
    await page.close();
  });

  it('cannot tell the side panel a forged tab state or keyboard command from its content script (item 7)', async () => {
    const page = await openCrm();
    const tabId = await tabIdOf(extensionPage, '/crm.html');
    const panel = await SidePanelPage.openFor(browser, '/crm.html');
    const content = await contentScriptWorld(browser, page);
    const forgedCall = {
      id: 'forged',
      tabId,
      frameId: 0,
      callKey: 'forged',
      origin: site.origin,
      source: 'sip-ws',
      direction: 'outbound',
      remoteNumber: '19999999999',
      phase: 'connected',
      startedAt: Date.now(),
      updatedAt: Date.now(),
    };
    const sent = await content.evaluate<string[]>(`(async () => {
      const tell = async (type, payload) => {
        try {
          await chrome.runtime.sendMessage({ protocol: 'onscript/1', type, payload });
          return type + ': delivered';
        } catch (error) {
          return type + ': ' + error.message;
        }
      };
      return [
        await tell('tab/state-changed', ${JSON.stringify({ tabId, calls: { forged: forgedCall }, revision: 1e15 })}),
        await tell('script/command', { command: 'script-focus-notes' }),
      ];
    })()`);
    expect(sent).toHaveLength(2);
    await content.close();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await panel.number().count()).toBe(0);

    // Not frozen either: the next real state (a call the hook reads on the page) shows at once.
    await page.evaluate((frame) => {
      const socket = new WebSocket('ws://127.0.0.1:9/');
      try {
        socket.send(frame);
      } catch {
        // Never connected; the hook has read it.
      }
    }, invite('panel-1', '13900139002'));
    await panel.number().filter({ hasText: '13900139002' }).waitFor({ timeout: 8_000 });
    await panel.page.close();
    await page.close();
  });
});
