import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEMO_DIALER_MATCHES } from './lib/detection/demo-origins';
import { BUILT_IN_PACKS_PATH, builtInPacksJson } from './lib/packs/defaults';
import { PHONE_DATA_PATH } from './lib/phone/phone-data';
import { phoneDataFrom } from './lib/phone/phone-data-source';
import { bundledPackagesPlugin, collectNotices, renderNotices } from './scripts/lib/third-party-notices';

/** The node_modules packages whose code any of this build's bundles contain (scripts/lib/third-party-notices.ts). */
const bundledPackages = new Set<string>();

/**
 * OnScript build configuration.
 *
 * Chrome gets MV3 (service worker, `side_panel`); Firefox gets WXT's default MV2 build with a
 * `sidebar_action`, because Firefox's MV2 background page and sidebar are its most mature path.
 *
 * Two modes: `wxt build` (production, what ships) and `wxt build --mode development` (into `*-dev`: npm start and
 * the end-to-end suite build it themselves), which alone declares the local demo origins.
 *
 * `npm run zip` builds and packs both browsers (`.output/onscript-<version>-chrome.zip`, `-firefox.zip`, and the
 * Firefox reviewers' `-sources.zip`); every build ships LICENSE and a THIRD_PARTY_NOTICES.txt generated from what it
 * bundled. Icons: public/icon/<size>.png (scripts/generate-icons.ts), which WXT lists in the manifest.
 */
export default defineConfig({
  // Parallel work (several builds at once) can point each build elsewhere; everything else reads the same variable.
  outDir: process.env['ONSCRIPT_OUT_DIR'] ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact(), bundledPackagesPlugin(bundledPackages)] }),
  hooks: {
    // Runs after every entry point is bundled, so the notices list exactly what this build contains.
    'build:publicAssets': (_wxt, files) => {
      files.push(
        { relativeDest: 'LICENSE', absoluteSrc: resolve(import.meta.dirname, 'LICENSE') },
        { relativeDest: 'THIRD_PARTY_NOTICES.txt', contents: renderNotices(collectNotices(bundledPackages, import.meta.dirname)) },
        // The worker fetches the built-in packs from here rather than bundling them (background/built-in-packs.ts).
        { relativeDest: BUILT_IN_PACKS_PATH, contents: builtInPacksJson() },
        // And the phone tables (lib/phone/phone-data.ts, background/phone-data-loader.ts): the same tables the
        // side panel bundles, from the same sources.
        {
          relativeDest: PHONE_DATA_PATH,
          contents: JSON.stringify(
            phoneDataFrom(readFileSync(resolve(import.meta.dirname, 'node_modules/libphonenumber-js/metadata.max.json'), 'utf8')),
          ),
        },
      );
    },
  },
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    // What addons.mozilla.org reviewers need to rebuild the Firefox package (`npm ci && npx wxt zip -b firefox`,
    // see SOURCES.md): the build's inputs, not the tests, the demo dialers or earlier outputs.
    excludeSources: ['tests/**', 'demo/**', '.output*/**', '.tmp/**', 'coverage/**', 'policies/**', 'store/screenshots/**'],
  },
  manifest: ({ browser, mode }) => ({
    name: '__MSG_extName__',
    // Chrome 116: chrome.sidePanel.setPanelBehavior (the toolbar button opens the panel, background/side-panel-action.ts)
    // and runtime.getContexts (finding open panels, background/open-panels.ts) both arrived in 116; the side_panel
    // key (114), storage.session (102) and scripting.registerContentScripts with world: 'MAIN' (102) are older.
    // registerContentScripts' matchOriginAsFallback (119) is optional: detection-registration.ts retries without it.
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '116' }),
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
    // Every dialer origin is optional and enabled per origin (options page, side panel, policy); the background
    // registers the detection scripts there (lib/extension/background/detection-registration.ts). Development
    // builds alone also require the local demo origins, with the scripts declared below.
    host_permissions: mode === 'development' ? DEMO_DIALER_MATCHES : [],
    ...(mode === 'development' ? { content_scripts: demoContentScripts() } : {}),
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
              // Firefox 140 (the current ESR): data_collection_permissions below needs it. Older needs are covered:
              // content scripts in the MAIN world (128, hooks.content.ts and the runtime registration),
              // storage.session (115), scripting.registerContentScripts (102), storage.managed from policies.json
              // 3rdparty (policies/firefox/policies.json).
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

/**
 * The detection scripts on the demo origins, as a development build declares them: the MAIN-world hook first, so it
 * is listening when the bridge hands it its private channel (lib/bridge/page-channel.ts). Same options as the
 * runtime registration (detection-registration.ts); the entry points themselves declare no origin.
 */
function demoContentScripts() {
  const common = {
    matches: DEMO_DIALER_MATCHES,
    run_at: 'document_start' as const,
    all_frames: true,
    match_about_blank: true,
    // about:blank, blob: and data: frames of an enabled page run the scripts too (CCP iframes write into those).
    match_origin_as_fallback: true,
  };
  return [
    { ...common, js: ['content-scripts/hooks.js'], world: 'MAIN' as const },
    { ...common, js: ['content-scripts/bridge.js'] },
  ];
}
