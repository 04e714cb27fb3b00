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
  service.start();
});
