import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../../../scripts/lib/chromium';

/**
 * Runs code in OnScript's content script world (the ISOLATED bridge's) of a page, through the DevTools protocol:
 * what a compromised or buggy content script could do with the extension APIs it has there.
 */
export async function contentScriptWorld(browser: ExtensionBrowser, page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; auxData?: { type?: string; frameId?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  let world: number | undefined;
  for (const context of contexts.filter((c) => c.auxData?.type === 'isolated')) {
    const { result } = await cdp.send('Runtime.evaluate', { contextId: context.id, expression: 'globalThis.chrome?.runtime?.id ?? ""', returnByValue: true });
    if (result.value === browser.extensionId) {
      world = context.id;
      break;
    }
  }
  if (world === undefined) throw new Error("OnScript's content script world was not found in the page");
  const contextId = world;
  return {
    /** Evaluates an expression there (awaiting a promise it returns) and returns its JSON value. */
    async evaluate<T>(expression: string): Promise<T> {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { contextId, expression, awaitPromise: true, returnByValue: true });
      if (exceptionDetails) throw new Error(`in the content script world: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      return result.value as T;
    },
    close: () => cdp.detach(),
  };
}
