import { defineBackgroundFeature } from '../feature';
import { openOptionsOnFirstInstall } from '../onboarding';
import { enableSidePanelOnActionClick } from '../side-panel-action';

/** The extension's shell: the toolbar button opens the side panel; a first install opens the options page. */
export const shellFeature = defineBackgroundFeature({
  id: 'shell',
  messages: {},
  create: () => ({
    handlers: {},
    start() {
      enableSidePanelOnActionClick();
      openOptionsOnFirstInstall();
    },
  }),
});
