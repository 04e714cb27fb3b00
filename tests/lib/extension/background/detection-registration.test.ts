import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  BRIDGE_SCRIPT_FILE,
  BRIDGE_SCRIPT_ID,
  HOOKS_SCRIPT_FILE,
  HOOKS_SCRIPT_ID,
  keepDetectionScriptsRegistered,
  syncDetectionScripts,
} from '../../../../lib/extension/background/detection-registration';

type Registered = { id: string; matches?: string[]; world?: string; js?: string[]; matchOriginAsFallback?: boolean };

/** Stubs the permission and scripting APIs with an in-memory registry. */
function stubBrowser(granted: string[], options: { refuseFallbackKey?: boolean; declared?: string[] } = {}) {
  const registry = new Map<string, Registered>();
  // A development build's manifest declares the scripts on the demo origins; a production build declares none.
  const manifest = { manifest_version: 3, name: 'OnScript', version: '0.1.0' };
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue(
    options.declared ? { ...manifest, content_scripts: [{ matches: options.declared, js: ['content-scripts/hooks.js'] }] } : manifest,
  );
  vi.spyOn(fakeBrowser.permissions, 'getAll').mockImplementation(async () => ({ origins: [...granted], permissions: [] }));
  const scripting = fakeBrowser.scripting as unknown as Record<string, unknown>;
  scripting['getRegisteredContentScripts'] = async ({ ids }: { ids: string[] }) => ids.flatMap((id) => registry.get(id) ?? []);
  scripting['unregisterContentScripts'] = async ({ ids }: { ids: string[] }) => ids.forEach((id) => registry.delete(id));
  scripting['registerContentScripts'] = async (scripts: Registered[]) => {
    if (options.refuseFallbackKey && scripts.some((s) => 'matchOriginAsFallback' in s)) throw new Error('unsupported key');
    for (const s of scripts) {
      if (registry.has(s.id)) throw new Error(`duplicate id ${s.id}`);
      registry.set(s.id, s);
    }
  };
  return { registry, granted };
}

describe('syncDetectionScripts', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('registers the hooks (MAIN world) and the bridge for exactly the granted dialer origins', async () => {
    const { registry } = stubBrowser(['http://127.0.0.1/*', 'https://crm.example.com/*'], { declared: ['http://127.0.0.1/*', 'http://localhost/*'] });
    await expect(syncDetectionScripts()).resolves.toEqual(['https://crm.example.com/*']);
    expect(registry.get(HOOKS_SCRIPT_ID)).toMatchObject({
      matches: ['https://crm.example.com/*'],
      world: 'MAIN',
      js: [HOOKS_SCRIPT_FILE],
      matchOriginAsFallback: true,
    });
    expect(registry.get(BRIDGE_SCRIPT_ID)).toMatchObject({ matches: ['https://crm.example.com/*'], js: [BRIDGE_SCRIPT_FILE] });
    expect(registry.get(BRIDGE_SCRIPT_ID)?.world).toBeUndefined();
    // Running again replaces rather than duplicates.
    await syncDetectionScripts();
    expect(registry.size).toBe(2);
  });

  it('registers a loopback origin the agent enabled by hand in a production build, which declares none', async () => {
    const { registry } = stubBrowser(['http://127.0.0.1/*']);
    await expect(syncDetectionScripts()).resolves.toEqual(['http://127.0.0.1/*']);
    expect(registry.get(HOOKS_SCRIPT_ID)?.matches).toEqual(['http://127.0.0.1/*']);
  });

  it('unregisters everything when no dialer origin is granted any more', async () => {
    const state = stubBrowser(['https://crm.example.com/*']);
    await syncDetectionScripts();
    state.granted.splice(0);
    await expect(syncDetectionScripts()).resolves.toEqual([]);
    expect(state.registry.size).toBe(0);
  });

  it('registers without matchOriginAsFallback where the browser does not know it', async () => {
    const { registry } = stubBrowser(['https://crm.example.com/*'], { refuseFallbackKey: true });
    await syncDetectionScripts();
    expect(registry.get(HOOKS_SCRIPT_ID)?.matchOriginAsFallback).toBeUndefined();
    expect(registry.size).toBe(2);
  });

  it('re-registers when a permission is granted', async () => {
    const { registry, granted } = stubBrowser([]);
    // The fake browser has no permission events; these record the listener the module adds.
    const listeners: Record<string, () => void> = {};
    const permissions = fakeBrowser.permissions as unknown as Record<string, unknown>;
    for (const name of ['onAdded', 'onRemoved']) permissions[name] = { addListener: (listener: () => void) => (listeners[name] = listener) };
    keepDetectionScriptsRegistered();
    granted.push('https://pbx.example.com/*');
    listeners['onAdded']!();
    await vi.waitFor(() => expect(registry.get(HOOKS_SCRIPT_ID)?.matches).toEqual(['https://pbx.example.com/*']));
    granted.splice(0);
    listeners['onRemoved']!();
    await vi.waitFor(() => expect(registry.size).toBe(0));
  });
});
