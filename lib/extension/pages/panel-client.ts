import type { CallRecord, TabCallState } from '../../calls/types';
import type { UiLanguage } from '../../i18n/ui-messages';
import { sendToBackground } from '../shared/messaging';
import type { BackgroundChannel } from './background-channel';
import { delay, POLICY_WAIT_BEFORE_RENDER_MS, readUiLanguageInForce } from '../shared/ui-language';
import { onActiveTabChanged, resolvePanelTabId } from './panel-tab';

/**
 * Everything the side panel needs from the extension, behind one interface so components can be tested with
 * a plain object in place of the browser.
 */
export interface PanelClient {
  resolveTabId(): Promise<number | undefined>;
  getTabState(tabId: number): Promise<TabCallState>;
  listRecentCalls(limit: number): Promise<CallRecord[]>;
  /** Calls back with each tab state the background tells; returns an unsubscribe. */
  onTabStateChanged(callback: (state: TabCallState) => void): () => void;
  /** Calls back when the panel hears the background again after its port was down (re-read what is shown). */
  onReconnected(callback: () => void): () => void;
  onActiveTabChanged(callback: (tabId: number) => void): () => void;
  /**
   * The interface language in force. With `waitForPolicy` false (the first render), the policy counts only if it
   * answers within a moment; the panel asks again with true and applies a lock that came late.
   */
  loadLanguageSetting(options?: { waitForPolicy?: boolean }): Promise<UiLanguage | 'auto'>;
}

/**
 * The panel client backed by the real extension APIs. A panel opened for one tab (`?tabId=N`) stays on that
 * tab; the real side panel follows whichever tab is active in its window.
 */
export function createExtensionPanelClient(search: string, channel: BackgroundChannel): PanelClient {
  const pinned = new URLSearchParams(search).has('tabId');
  return {
    resolveTabId: () => resolvePanelTabId(search),
    getTabState: (tabId) => sendToBackground('tab/get-state', { tabId }),
    listRecentCalls: (limit) => sendToBackground('calls/list-recent', { limit }),
    onTabStateChanged: (callback) => channel.on('tab/state-changed', callback),
    onReconnected: (callback) => channel.onReconnected(callback),
    onActiveTabChanged: pinned ? () => () => undefined : onActiveTabChanged,
    loadLanguageSetting: ({ waitForPolicy = false } = {}) =>
      readUiLanguageInForce(waitForPolicy ? {} : { policyDeadline: delay(POLICY_WAIT_BEFORE_RENDER_MS) }),
  };
}
