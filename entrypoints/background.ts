import { createBulkReplyListener, type BulkMessageEvent } from '../lib/extension/background/bulk-replies';
import type { PanelChannelEvent } from '../lib/extension/background/panel-channels';
import { createBackgroundService } from '../lib/extension/background/service';

/**
 * The background: registers every listener synchronously (a woken worker must not miss the event that woke
 * it), then hands each event to lib/. The features and their own listeners are listed once, in
 * lib/extension/background/features/index.ts.
 */
export default defineBackground(() => {
  const service = createBackgroundService();
  browser.runtime.onMessage.addListener(service.onMessage);
  browser.runtime.onConnect.addListener(service.onConnect);
  browser.tabs.onRemoved.addListener((tabId) => void service.onTabRemoved(tabId));
  // Chrome's worker also hears on its own message event: side panels' direct channels, and requests with large
  // replies (export pages). Firefox's event page has no such event.
  const scope = globalThis as { ServiceWorkerGlobalScope?: abstract new () => unknown };
  if (scope.ServiceWorkerGlobalScope !== undefined && globalThis instanceof scope.ServiceWorkerGlobalScope) {
    const onBulk = createBulkReplyListener({ extensionOrigin: browser.runtime.getURL('/'), extensionId: browser.runtime.id, answer: service.onMessage });
    globalThis.addEventListener('message', (event) => {
      if (!service.onWorkerMessage(event as unknown as PanelChannelEvent)) onBulk(event as unknown as BulkMessageEvent);
    });
  }
  service.start();
});
