import { describe, expect, it } from 'vitest';
import { comparePackVersions, decidePackUpdate, isSemver, type ScriptPack } from '../../../lib/packs/index.ts';
import { minimalPack } from './fixtures.ts';

function version(v: string, edit?: (pack: ScriptPack) => void): ScriptPack {
  const pack = minimalPack();
  pack.version = v;
  edit?.(pack);
  return pack;
}

describe('comparePackVersions', () => {
  it('orders by semver precedence', () => {
    const ordered = ['0.9.9', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.2.0', '1.10.0', '2.0.0'];
    for (let i = 0; i < ordered.length - 1; i++) {
      expect(comparePackVersions(ordered[i]!, ordered[i + 1]!)).toBe(-1);
      expect(comparePackVersions(ordered[i + 1]!, ordered[i]!)).toBe(1);
    }
    expect(comparePackVersions('1.4.0', '1.4.0')).toBe(0);
    expect(comparePackVersions('1.4.0+build.1', '1.4.0+build.2')).toBe(0);
    expect(comparePackVersions('1.99999999999999999999.0', '1.99999999999999999998.0')).toBe(1);
  });

  it('throws on anything that is not semver', () => {
    expect(() => comparePackVersions('1.0', '1.0.0')).toThrow(RangeError);
    expect(isSemver('1.0.0-rc.1+sha.5')).toBe(true);
    expect(isSemver('1.0.0-01')).toBe(false);
  });
});

describe('decidePackUpdate', () => {
  it('applies the first pack and newer versions', () => {
    expect(decidePackUpdate({ active: null, candidate: version('1.0.0'), inCall: false })).toMatchObject({ action: 'apply', reason: 'first-pack' });
    expect(decidePackUpdate({ active: version('1.3.0'), candidate: version('1.4.0'), inCall: false })).toMatchObject({ action: 'apply', reason: 'newer-version' });
  });

  it('refuses a downgrade unless that version is pinned', () => {
    const downgrade = decidePackUpdate({ active: version('1.4.0'), candidate: version('1.3.0'), inCall: false });
    expect(downgrade).toMatchObject({ action: 'refuse', reason: 'downgrade' });
    expect(downgrade.message).toMatch(/older than the active version 1.4.0/);
    expect(decidePackUpdate({ active: version('1.4.0'), candidate: version('1.3.0'), pinnedVersion: '1.3.0', inCall: false })).toMatchObject({
      action: 'apply',
      reason: 'pinned-version',
    });
  });

  it('refuses any version other than the pinned one, newer ones included', () => {
    expect(decidePackUpdate({ active: version('1.3.0'), candidate: version('1.5.0'), pinnedVersion: '1.3.0', inCall: false })).toMatchObject({
      action: 'refuse',
      reason: 'not-pinned-version',
    });
  });

  it('defers while in a call, whatever would be applied', () => {
    expect(decidePackUpdate({ active: version('1.3.0'), candidate: version('1.4.0'), inCall: true })).toMatchObject({ action: 'defer', reason: 'newer-version' });
    expect(decidePackUpdate({ active: version('1.4.0'), candidate: version('1.3.0'), pinnedVersion: '1.3.0', inCall: true })).toMatchObject({ action: 'defer' });
    expect(decidePackUpdate({ active: version('1.4.0'), candidate: version('1.3.0'), inCall: true })).toMatchObject({ action: 'refuse' });
  });

  it('ignores the same pack and refuses a reused version number', () => {
    expect(decidePackUpdate({ active: version('1.4.0'), candidate: version('1.4.0'), inCall: false })).toMatchObject({ action: 'ignore', reason: 'same-pack' });
    const changed = version('1.4.0', (pack) => {
      pack.title.en = 'Changed';
    });
    expect(decidePackUpdate({ active: version('1.4.0'), candidate: changed, inCall: false })).toMatchObject({ action: 'refuse', reason: 'version-reused' });
  });

  it('replaces the pack when the subscription points at another pack id', () => {
    const other = version('0.1.0', (pack) => {
      pack.id = 'test.other';
    });
    expect(decidePackUpdate({ active: version('3.0.0'), candidate: other, inCall: false })).toMatchObject({ action: 'apply', reason: 'different-pack' });
  });
});
