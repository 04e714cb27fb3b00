import { createBackgroundService } from '../lib/extension/background-service';
import { enableSidePanelOnActionClick } from '../lib/extension/side-panel';

/** The background: wires listeners synchronously, then hands every event to lib/. */
export default defineBackground(() => {
  const service = createBackgroundService();
  browser.runtime.onMessage.addListener(service.onMessage);
  browser.tabs.onRemoved.addListener((tabId) => void service.onTabRemoved(tabId));
  enableSidePanelOnActionClick();
});
