import { createBackgroundService } from '../lib/extension/background/service';
import { keepDetectionScriptsRegistered } from '../lib/extension/background/detection-registration';
import { registerPacksBackground } from '../lib/extension/background/features/packs-feature';
import { openOptionsOnFirstInstall } from '../lib/extension/background/onboarding';
import { enableSidePanelOnActionClick } from '../lib/extension/background/side-panel-action';
import { registerNotesBackground } from '../lib/extension/background/features/notes-feature';
import { forwardScriptCommand } from '../lib/extension/background/features/script-feature';

/** The background: wires listeners synchronously, then hands every event to lib/. */
export default defineBackground(() => {
  const service = createBackgroundService();
  browser.runtime.onMessage.addListener(service.onMessage);
  browser.runtime.onConnect.addListener(service.onConnect);
  browser.tabs.onRemoved.addListener((tabId) => void service.onTabRemoved(tabId));
  enableSidePanelOnActionClick();
  registerNotesBackground(service.context);
  // Keyboard commands (manifest `commands`) go to the open panels, which act on the call they show.
  browser.commands?.onCommand.addListener((command) => void forwardScriptCommand(command));
  registerPacksBackground(service.context);
  openOptionsOnFirstInstall();
  // Detection on the origins the user enabled (optional host permissions), re-registered whenever they change.
  keepDetectionScriptsRegistered();
});
