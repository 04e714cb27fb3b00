import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackgroundContext } from '../../../../../lib/extension/background/feature';
import { BACKGROUND_FEATURES } from '../../../../../lib/extension/background/features';
import { createTranslator } from '../../../../../lib/i18n/ui-messages';
import { MESSAGES } from '../../../../../lib/protocol/messages';

/**
 * The feature registry meta-test: every feature file is listed once, the features own the protocol between them
 * (each message type exactly once, with a handler when the background is the one answering), the strings they
 * speak are the UI's, and the README's feature table names them all.
 */
const root = join(import.meta.dirname, '..', '..', '..', '..', '..');
const folder = join(root, 'lib', 'extension', 'background', 'features');
const context = new Proxy({} as BackgroundContext, { get: () => () => undefined });

describe('background feature registry', () => {
  it('lists every feature file exactly once, each with its own id', () => {
    const files = readdirSync(folder).filter((name) => name !== 'index.ts');
    const declared = files.map((name) => {
      const text = readFileSync(join(folder, name), 'utf8');
      return { name, count: (text.match(/defineBackgroundFeature\(/g) ?? []).length, id: /id: '([\w-]+)'/.exec(text)?.[1] };
    });
    expect(declared.filter((file) => file.count !== 1).map((file) => file.name)).toEqual([]);
    const ids = BACKGROUND_FEATURES.map((feature) => feature.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(declared.map((file) => file.id).sort());
    // The file is named after the feature: `<id>-feature.ts`.
    for (const file of declared) expect(file.name).toBe(`${file.id}-feature.ts`);
  });

  it('owns the protocol: each message type belongs to one feature, and the background answers every request', () => {
    const owners = new Map<string, string[]>();
    for (const feature of BACKGROUND_FEATURES) {
      for (const type of Object.keys(feature.messages)) owners.set(type, [...(owners.get(type) ?? []), feature.id]);
    }
    expect([...owners.keys()].sort()).toEqual(Object.keys(MESSAGES).sort());
    expect([...owners].filter(([, ids]) => ids.length !== 1)).toEqual([]);
    for (const feature of BACKGROUND_FEATURES) {
      const handled = Object.keys(feature.create(context).handlers).sort();
      const answered = Object.entries(feature.messages)
        .filter(([, spec]) => !spec.senders.includes('background'))
        .map(([type]) => type)
        .sort();
      expect(handled, feature.id).toEqual(answered);
    }
  });

  it('speaks from the background only strings the UI catalog has, in both languages', () => {
    for (const language of ['en', 'zh-CN'] as const) {
      const t = createTranslator(language) as (key: string) => string;
      for (const feature of BACKGROUND_FEATURES) {
        for (const [key, text] of Object.entries(feature.catalog?.[language] ?? {})) expect(t(key), `${feature.id} ${key}`).toBe(text);
      }
    }
  });

  it('is documented: the README table of background features names each one and its file', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('### Background features'));
    for (const feature of BACKGROUND_FEATURES) {
      const file = `${feature.id}-feature.ts`;
      expect(table, feature.id).toMatch(new RegExp(`\\| \`${feature.id}\` \\| \`${file}\``));
    }
  });
});
