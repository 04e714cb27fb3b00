import { browser } from 'wxt/browser';
import type { CallRecord, TabCallState } from '../../calls/types';
import type { UiLanguage } from '../../i18n/ui-messages';
import { readEnvelope } from '../../protocol/validate';
import { sendToBackground } from '../shared/messaging';
import { createPanelPortListener, PANEL_PORT_NAME } from '../shared/ports';
import { uiLanguageSetting } from '../shared/settings';
import { onActiveTabChanged, resolvePanelTabId } from './panel-tab';

/**
 * Everything the side panel needs from the extension, behind one interface so components can be tested with
 * a plain object in place of the browser.
 */
export interface PanelClient {
  resolveTabId(): Promise<number | undefined>;
  getTabState(tabId: number): Promise<TabCallState>;
  listRecentCalls(limit: number): Promise<CallRecord[]>;
  /** Calls back with each broadcast tab state; returns an unsubscribe. */
  onTabStateChanged(callback: (state: TabCallState) => void): () => void;
  onActiveTabChanged(callback: (tabId: number) => void): () => void;
  loadLanguageSetting(): Promise<UiLanguage | 'auto'>;
}

/**
 * The panel client backed by the real extension APIs. A panel opened for one tab (`?tabId=N`) stays on that
 * tab; the real side panel follows whichever tab is active in its window.
 */
export function createExtensionPanelClient(search: string): PanelClient {
  const pinned = new URLSearchParams(search).has('tabId');
  return {
    resolveTabId: () => resolvePanelTabId(search),
    getTabState: (tabId) => sendToBackground('tab/get-state', { tabId }),
    listRecentCalls: (limit) => sendToBackground('calls/list-recent', { limit }),
    onTabStateChanged(callback) {
      const read = (message: unknown): boolean => {
        const frame = readEnvelope(message);
        if (!frame.ok || frame.value.type !== 'tab/state-changed') return false;
        callback(frame.value.payload as TabCallState);
        return true;
      };
      // Each state comes twice, over this port (fast) and in a broadcast (the panel keeps the newest, see
      // supersedesTabState); the port closes when the worker is stopped, and a broadcast means the background
      // is back, so the port is reopened then.
      const port = createPanelPortListener(() => browser.runtime.connect({ name: PANEL_PORT_NAME }), read);
      const listener = (message: unknown) => {
        if (read(message)) port.reconnect();
        return undefined;
      };
      browser.runtime.onMessage.addListener(listener);
      return () => {
        port.stop();
        browser.runtime.onMessage.removeListener(listener);
      };
    },
    onActiveTabChanged: pinned ? () => () => undefined : onActiveTabChanged,
    loadLanguageSetting: () => uiLanguageSetting.getValue(),
  };
}
