import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { answerCallProbes } from '../../../../lib/extension/content/call-probe';
import { envelope } from '../../../../lib/protocol/envelope';

/** A content script context the test invalidates by hand. */
function context() {
  const callbacks: (() => void)[] = [];
  const ctx = {
    isInvalid: false,
    onInvalidated: (callback: () => void) => void callbacks.push(callback),
  };
  return {
    ctx: ctx as unknown as ContentScriptContext,
    invalidate() {
      ctx.isInvalid = true;
      for (const callback of callbacks) callback();
    },
  };
}

const background = (): Browser.runtime.MessageSender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/background.js') });
const probe = envelope('call/probe-frame', {});

describe('answerCallProbes', () => {
  it("answers the background's probe with the frame's report and when its page started", async () => {
    const { ctx } = context();
    answerCallProbes(ctx, () => ({ live: ['k1'], ended: ['k0'] }), 1_700_000_000_000);
    await expect(fakeBrowser.runtime.onMessage.trigger(probe, background())).resolves.toEqual([
      { live: ['k1'], ended: ['k0'], startedAt: 1_700_000_000_000 },
    ]);
  });

  it('leaves other messages, and probes from a page or another extension, unanswered', async () => {
    const { ctx } = context();
    answerCallProbes(ctx, () => ({ live: ['k1'], ended: [] }));
    const page = { id: fakeBrowser.runtime.id, tab: { id: 3 } as Browser.tabs.Tab, url: 'http://127.0.0.1/' };
    const other = { id: 'another-extension', url: 'chrome-extension://another-extension/background.js' };
    const answers = [
      ...(await fakeBrowser.runtime.onMessage.trigger(probe, page)),
      ...(await fakeBrowser.runtime.onMessage.trigger(probe, other)),
      ...(await fakeBrowser.runtime.onMessage.trigger(envelope('ping', { sentAt: 1 }), background())),
      ...(await fakeBrowser.runtime.onMessage.trigger({ type: 'call/probe-frame' }, background())),
    ];
    expect(answers).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('stops listening when the content script is invalidated', async () => {
    const { ctx, invalidate } = context();
    answerCallProbes(ctx, () => ({ live: [], ended: [] }));
    invalidate();
    await expect(fakeBrowser.runtime.onMessage.trigger(probe, background())).resolves.toEqual([]);
  });
});
