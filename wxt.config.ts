import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { DECLARED_DIALER_MATCHES } from './lib/detection/declared-origins';

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
      // scripting: detection scripts registered at runtime on the dialer origins the user enabled.
      'scripting',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    // Firefox MV2 has no optional_host_permissions: host patterns go with the optional permissions.
    ...(browser === 'firefox' ? { optional_permissions: ['https://*/*', 'http://*/*'] } : {}),
    // The local demo dialer's origins: required, so the demo works with no step. Every other dialer origin is
    // optional and enabled per origin from the options page (lib/extension/background/detection-registration.ts).
    host_permissions: DECLARED_DIALER_MATCHES,
    ...(browser === 'firefox' ? {} : { optional_host_permissions: ['https://*/*', 'http://*/*'] }),
    action: { default_title: '__MSG_extName__' },
    // Enterprise policy (pack subscription, profile, origins, retention, locks): public/managed-schema.json.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed-schema.json' } }),
    // The call script's keys outside the panel; the background forwards each to the open panels.
    commands: {
      'script-next': { suggested_key: { default: 'Alt+Shift+Right' }, description: '__MSG_cmdScriptNext__' },
      'script-back': { suggested_key: { default: 'Alt+Shift+Left' }, description: '__MSG_cmdScriptBack__' },
      'script-focus-search': { suggested_key: { default: 'Alt+Shift+F' }, description: '__MSG_cmdScriptSearch__' },
      'script-focus-notes': { suggested_key: { default: 'Alt+Shift+N' }, description: '__MSG_cmdScriptNotes__' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'onscript@onscript.dev',
              strict_min_version: '140.0',
              // Nothing goes to OnScript's developers: records stay in this browser, or go to the agency's own Team
              // Hub when the agent joins one (README, "What leaves the browser").
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android learned data_collection_permissions in 142; OnScript has no Android UI anyway.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
