import { browser } from 'wxt/browser';

/**
 * The tab the panel shows: `?tabId=N` when given (for a panel opened in an ordinary tab), else the active tab of
 * the panel's window.
 */
export async function resolvePanelTabId(search: string): Promise<number | undefined> {
  const fromQuery = new URLSearchParams(search).get('tabId');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active?.id;
}

/** Calls back whenever the active tab of the panel's window changes; returns an unsubscribe. */
export function onActiveTabChanged(callback: (tabId: number) => void): () => void {
  let windowId: number | undefined;
  browser.windows
    .getCurrent()
    .then((current) => {
      windowId = current.id;
    })
    .catch(() => undefined);
  const listener = (info: { tabId: number; windowId: number }) => {
    if (windowId === undefined || info.windowId === windowId) callback(info.tabId);
  };
  browser.tabs.onActivated.addListener(listener);
  return () => browser.tabs.onActivated.removeListener(listener);
}
