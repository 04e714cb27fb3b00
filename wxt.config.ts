import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { DECLARED_DIALER_MATCHES } from './lib/extension/dialer-origins';

/**
 * OnScript build configuration.
 *
 * Chrome gets MV3 (service worker, `side_panel`); Firefox gets WXT's default MV2 build with a
 * `sidebar_action`, because Firefox's MV2 background page and sidebar are its most mature path.
 */
export default defineConfig({
  // Parallel work (several builds at once) can point each build elsewhere; everything else reads the same variable.
  outDir: process.env['ONSCRIPT_OUT_DIR'] ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // alarms: follow-up reminders, retention purge, pack polling (timers die with the worker);
    // notifications: follow-up reminders.
    permissions: [
      'storage',
      'unlimitedStorage',
      'alarms',
      'notifications',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    // The dialer pages the content scripts run on; also lets the side panel see which tab is the dialer.
    host_permissions: DECLARED_DIALER_MATCHES,
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'onscript@onscript.dev',
              strict_min_version: '140.0',
              // Everything OnScript records stays in this browser; nothing is sent anywhere.
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android learned data_collection_permissions in 142; OnScript has no Android UI anyway.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
