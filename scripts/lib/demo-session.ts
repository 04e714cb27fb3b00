import type { Page } from 'playwright-core';
import { DEMO_DIST_DIR } from './builds';
import { waitFor } from './process-utils';
import { startStaticServer } from './static-server';

export { DEMO_DIST_DIR } from './builds';

/** The demo pages, served for one SIP server. */
export interface DemoPages {
  /** Origin of the agent's dialer (where OnScript runs). */
  origin: string;
  /** Origin of the customer's phone (where it does not). */
  customerOrigin: string;
  dialerUrl(params?: Record<string, string>): string;
  customerUrl(number: string, params?: Record<string, string>): string;
  /** The customer's phone on SIP.js instead of JsSIP (same query parameters, plus `mode=reject`). */
  sipjsCustomerUrl(number: string, params?: Record<string, string>): string;
  close(): Promise<void>;
}

/**
 * Serves the demo pages and builds their URLs for a given SIP server. The dialer (the agent's page, where
 * OnScript runs) is on 127.0.0.1; the customer's phone is on 127.0.0.2, an origin OnScript is not enabled on,
 * as the customer's own phone would be. The customer registers as `number` and answers by itself.
 */
export async function startDemoPages({ wsUrl, domain }: { wsUrl: string; domain: string }): Promise<DemoPages> {
  const agentSide = await startStaticServer(DEMO_DIST_DIR, { host: '127.0.0.1' });
  const customerSide = await startStaticServer(DEMO_DIST_DIR, { host: '127.0.0.2' });
  const query = (params: Record<string, string>) => new URLSearchParams({ ws: wsUrl, domain, ...params }).toString();
  return {
    origin: agentSide.origin,
    customerOrigin: customerSide.origin,
    dialerUrl: (params = {}) => `${agentSide.origin}/dialer.html?${query({ user: 'agent', ...params })}`,
    customerUrl: (number, params = {}) => `${customerSide.origin}/customer.html?${query({ user: number, ...params })}`,
    sipjsCustomerUrl: (number, params = {}) =>
      `${customerSide.origin}/customer-sipjs.html?${query({ user: number, ...params })}`,
    close: async () => {
      await Promise.all([agentSide.close(), customerSide.close()]);
    },
  };
}

/** The tab id the extension gives a page, asked from an extension page. */
export function tabIdOf(extensionPage: Page, urlPart: string): Promise<number> {
  return waitFor(
    () =>
      extensionPage.evaluate(async (part) => {
        const { chrome } = globalThis as unknown as {
          chrome: { tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> } };
        };
        const tabs = await chrome.tabs.query({});
        return tabs.find((tab) => tab.url?.includes(part))?.id;
      }, urlPart),
    { timeoutMs: 5_000, what: `a tab whose URL contains ${urlPart}` },
  );
}

/**
 * Runs inside an extension page (any browser): every call record straight from OnScript's IndexedDB. Pass it to
 * the driver's `evaluate`.
 */
export function readCallRecordsInPage(): Promise<Record<string, unknown>[]> {
  return new Promise((resolvePromise, reject) => {
    const open = indexedDB.open('onscript');
    // Opening a database that does not exist yet would create an empty one and get in the way of OnScript's
    // own first upgrade: abort instead, there are no records.
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = () => (open.error?.name === 'AbortError' ? resolvePromise([]) : reject(open.error));
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('calls')) {
        db.close();
        resolvePromise([]);
        return;
      }
      const request = db.transaction('calls').objectStore('calls').getAll();
      request.onsuccess = () => {
        db.close();
        resolvePromise(request.result as Record<string, unknown>[]);
      };
      request.onerror = () => reject(request.error);
    };
  });
}

/** Reads every call record straight from the extension's IndexedDB, from an extension page. */
export function readCallRecords(extensionPage: Page): Promise<Record<string, unknown>[]> {
  return extensionPage.evaluate(readCallRecordsInPage);
}
