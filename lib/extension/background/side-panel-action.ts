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
