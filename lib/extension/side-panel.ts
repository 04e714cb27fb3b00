import { browser } from 'wxt/browser';

interface ChromeSidePanel {
  setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
}

/**
 * Opens the side panel from the toolbar button: Chrome's `sidePanel`, or Firefox's sidebar toggle. The
 * polyfill has no `sidePanel`, so Chrome's API is reached through the `chrome` global where it exists.
 */
export function enableSidePanelOnActionClick(): void {
  const chromeSidePanel = (globalThis as { chrome?: { sidePanel?: ChromeSidePanel } }).chrome?.sidePanel;
  if (chromeSidePanel) {
    chromeSidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
    return;
  }
  const sidebar = (browser as unknown as { sidebarAction?: { toggle(): Promise<void> } }).sidebarAction;
  const action = browser.action ?? browser.browserAction;
  if (sidebar && action) action.onClicked.addListener(() => void sidebar.toggle());
}

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
