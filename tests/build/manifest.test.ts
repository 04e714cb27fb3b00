import { describe, expect, it } from 'vitest';
import type { ConfigEnv, UserManifest } from 'wxt';
import config from '../../wxt.config';
import hooks from '../../entrypoints/hooks.content';
import bridge from '../../entrypoints/bridge.content';

/**
 * Issue 14, item 10: the local demo origins (127.0.0.1, localhost) are a development convenience. A production
 * build neither asks for them nor injects the detection scripts there; a development build (npm start, the
 * end-to-end suite) declares both, so the demo dialer works with no step.
 */
const DEMO = ['http://127.0.0.1/*', 'http://localhost/*'];

async function manifestFor(browser: 'chrome' | 'firefox', mode: 'production' | 'development'): Promise<UserManifest> {
  const env: ConfigEnv = { browser, mode, command: 'build', manifestVersion: browser === 'firefox' ? 2 : 3 };
  const manifest = config.manifest;
  if (typeof manifest !== 'function') throw new Error('wxt.config.ts: manifest is expected to depend on the build');
  return manifest(env);
}

const hostPatterns = (manifest: UserManifest) => [
  ...((manifest.host_permissions as string[] | undefined) ?? []),
  ...((manifest.permissions as string[] | undefined) ?? []).filter((permission) => permission.includes('://')),
];
const contentScriptMatches = (manifest: UserManifest) => (manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []);

describe('the demo origins are declared in development builds only', () => {
  it.each(['chrome', 'firefox'] as const)('a production build for %s asks for no demo origin and injects nothing there', async (browser) => {
    const manifest = await manifestFor(browser, 'production');
    for (const pattern of DEMO) {
      expect(hostPatterns(manifest)).not.toContain(pattern);
      expect(contentScriptMatches(manifest)).not.toContain(pattern);
    }
    // The entry points declare no origin of their own: WXT would add their matches to the manifest.
    expect(hooks.matches ?? []).toEqual([]);
    expect(bridge.matches ?? []).toEqual([]);
    expect(hooks.registration).toBe('runtime');
    expect(bridge.registration).toBe('runtime');
  });

  it.each(['chrome', 'firefox'] as const)('a development build for %s requires the demo origins and runs the hook before the bridge there', async (browser) => {
    const manifest = await manifestFor(browser, 'development');
    expect(hostPatterns(manifest)).toEqual(expect.arrayContaining(DEMO));
    const scripts = manifest.content_scripts ?? [];
    expect(scripts.map((script) => script.js)).toEqual([['content-scripts/hooks.js'], ['content-scripts/bridge.js']]);
    for (const script of scripts) {
      expect(script).toMatchObject({ matches: DEMO, run_at: 'document_start', all_frames: true, match_about_blank: true });
    }
    expect(scripts[0]).toMatchObject({ world: 'MAIN' });
    expect(scripts[1]?.world).toBeUndefined();
  });
});
