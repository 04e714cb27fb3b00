import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { browser, type Browser } from 'wxt/browser';
import type { FrameCallReport } from '../../protocol/call-messages';
import { readEnvelope } from '../../protocol/validate';
import { isFromBackground } from '../shared/messaging';

/**
 * Answers the background's `call/probe-frame` (sent to this frame after a worker restart) with the calls this
 * frame's bridge has reported and when this page started (`startedAt`, the time origin of its navigation),
 * until the content script is invalidated. Anything else, and anything not from OnScript's own background, is
 * left alone.
 */
export function answerCallProbes(
  ctx: ContentScriptContext,
  report: () => Omit<FrameCallReport, 'startedAt'>,
  startedAt: number = Math.round(performance.timeOrigin),
): void {
  const extensionOrigin = browser.runtime.getURL('/');
  const listener = (message: unknown, sender: Browser.runtime.MessageSender): Promise<FrameCallReport> | undefined => {
    if (ctx.isInvalid || !isFromBackground(sender, extensionOrigin, browser.runtime.id)) return undefined;
    const frame = readEnvelope(message);
    if (!frame.ok || frame.value.type !== 'call/probe-frame') return undefined;
    return Promise.resolve({ ...report(), startedAt });
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}
