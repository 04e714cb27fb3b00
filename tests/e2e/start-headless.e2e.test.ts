import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ALWAYS_CALLABLE_NUMBER } from '../../demo/demo-config';

/**
 * `npm start -- --headless` is what a new developer runs first on a machine without a display: it must place a
 * demo call and print the record the extension saved. Run here with the built-in relay (`--relay`), so the
 * path for machines without Kamailio is proven too; the other tests cover Kamailio.
 */
describe('npm start -- --headless', () => {
  it('places a scripted demo call and prints the saved call record', () => {
    const result = spawnSync('npm', ['start', '--', '--headless', '--relay', '--skip-build'], {
      encoding: 'utf8',
      timeout: 80_000,
      env: { ...process.env, DISPLAY: '' },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('SIP server: the built-in SIP relay');
    const json = result.stdout.slice(result.stdout.indexOf('[', result.stdout.indexOf('IndexedDB')));
    const records = JSON.parse(json) as Record<string, unknown>[];
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ direction: 'outbound', remoteNumber: ALWAYS_CALLABLE_NUMBER, phase: 'ended', endedBy: 'local' });
  });

  it('without a display and without --headless, says so and how to proceed', () => {
    const result = spawnSync('npm', ['start'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' } });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('No display found');
    expect(result.stderr).toContain('npm start -- --headless');
  });
});
