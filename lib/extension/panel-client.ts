import { browser } from 'wxt/browser';
import type { CallRecord, TabCallState } from '../calls/types';
import type { UiLanguage } from '../i18n/ui-messages';
import { readEnvelope } from '../protocol/validate';
import { sendToBackground } from './messaging';
import { uiLanguageSetting } from './settings';
import { onActiveTabChanged, resolvePanelTabId } from './side-panel';

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
      const listener = (message: unknown) => {
        const frame = readEnvelope(message);
        if (frame.ok && frame.value.type === 'tab/state-changed') callback(frame.value.payload as TabCallState);
        return undefined;
      };
      browser.runtime.onMessage.addListener(listener);
      return () => browser.runtime.onMessage.removeListener(listener);
    },
    onActiveTabChanged: pinned ? () => () => undefined : onActiveTabChanged,
    loadLanguageSetting: () => uiLanguageSetting.getValue(),
  };
}
