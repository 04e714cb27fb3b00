/**
 * The example fleet policies in policies/ are what a lead copies: every OnScript value in them must be a key of
 * public/managed-schema.json with a value the schema accepts and the extension's own readers take without ignoring
 * anything, and Chrome and Firefox must carry the same values. A schema key the examples leave out must say why.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseCompliancePolicy } from '../../lib/compliance/policy';
import { parseLockedSettings } from '../../lib/compliance/locked-settings';
import { parseDialerOriginsPolicy } from '../../lib/detection/dialer-access';
import { readPublicKey } from '../../lib/packs/signing';

const root = join(import.meta.dirname, '..', '..');
const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;

const schema = readJson('public/managed-schema.json') as { properties: Record<string, unknown> };
const FIREFOX_ID = 'onscript@onscript.dev';
const CHROME_ID = 'REPLACE_WITH_ONSCRIPT_CHROME_ID';

/** Schema keys the examples leave out on purpose, and why. */
const LEFT_OUT: Record<string, string> = {
  packPinnedVersion: 'pinning holds the whole team on one version; it is for a rollback, not a default',
  holidayCalendars: 'invented holiday dates in an example would close (or open) real days if copied',
  agentName: 'one name per agent; a fleet policy is the same for everyone',
};

const chrome = readJson('policies/chrome/onscript.json') as {
  ExtensionSettings: Record<string, Record<string, unknown>>;
  '3rdparty': { extensions: Record<string, Record<string, unknown>> };
};
const adminConsole = readJson('policies/chrome/admin-console.json') as Record<string, { Value: unknown }>;
const firefox = readJson('policies/firefox/policies.json') as {
  policies: { ExtensionSettings: Record<string, Record<string, unknown>>; '3rdparty': { Extensions: Record<string, Record<string, unknown>> } };
};

const examples: [string, Record<string, unknown>][] = [
  ['policies/chrome/onscript.json', chrome['3rdparty'].extensions[CHROME_ID] ?? {}],
  ['policies/chrome/admin-console.json', Object.fromEntries(Object.entries(adminConsole).map(([key, entry]) => [key, entry.Value]))],
  ['policies/firefox/policies.json', firefox.policies['3rdparty'].Extensions[FIREFOX_ID] ?? {}],
];

// Chrome drops values that do not match the schema; unknown keys are refused here too, so a typo cannot pass.
const validate = new Ajv({ strict: false, allErrors: true }).compile({ ...schema, additionalProperties: false });

describe('example fleet policies', () => {
  it.each(examples)('%s: every value is a schema key with a value the schema accepts', (_file, values) => {
    expect(Object.keys(values).length).toBeGreaterThan(0);
    const valid = validate(values);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(examples)('%s: the extension reads every value without ignoring any', async (_file, values) => {
    expect(parseCompliancePolicy(values).ignored).toEqual([]);
    expect(parseLockedSettings(values).ignored).toEqual([]);
    expect(parseDialerOriginsPolicy(values['enabledDialerOrigins']).ignored).toEqual([]);
    expect((await readPublicKey(values['packPublicKey'])).ok).toBe(true);
  });

  it('Chrome and Firefox set the same values, and together name every schema key or say why not', () => {
    const [[, linux], [, console], [, gecko]] = examples as [[string, Record<string, unknown>], [string, Record<string, unknown>], [string, Record<string, unknown>]];
    expect(console).toEqual(linux);
    expect(gecko).toEqual(linux);
    const missing = Object.keys(schema.properties).filter((key) => !(key in linux) && !(key in LEFT_OUT));
    expect(missing).toEqual([]);
    for (const key of Object.keys(LEFT_OUT)) expect(Object.keys(schema.properties)).toContain(key);
  });

  it('force-installs the extension under the ids the builds use', () => {
    const wxtConfig = readFileSync(join(root, 'wxt.config.ts'), 'utf8');
    expect(wxtConfig).toContain(`id: '${FIREFOX_ID}'`);
    expect(firefox.policies.ExtensionSettings[FIREFOX_ID]).toMatchObject({ installation_mode: 'force_installed', install_url: expect.stringMatching(/^https:\/\/.+\.xpi$/) });
    expect(Object.keys(firefox.policies.ExtensionSettings)).toEqual([FIREFOX_ID]);
    expect(chrome.ExtensionSettings[CHROME_ID]).toMatchObject({ installation_mode: 'force_installed', update_url: 'https://clients2.google.com/service/update2/crx' });
    expect(Object.keys(chrome.ExtensionSettings)).toEqual(Object.keys(chrome['3rdparty'].extensions));
  });

  it('the README section names each example file', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Rolling out to a fleet'));
    expect(readme).toContain('## Rolling out to a fleet');
    for (const [file] of examples) expect(section).toContain(file);
  });
});
