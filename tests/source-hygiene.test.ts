import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const product = ['lib', 'components', 'entrypoints'].flatMap((dir) => sourceFiles(join(root, dir)));

describe('source hygiene', () => {
  it('never renders markup from strings (the Firefox lint warning on innerHTML is Preact’s, unused)', () => {
    const offenders = product.filter((file) => /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });

  it('keeps extension APIs out of the pure domain folders', () => {
    const pure = product.filter((file) => /[\\/]lib[\\/]/.test(file) && !/[\\/]lib[\\/]extension[\\/]/.test(file));
    const offenders = pure.filter((file) => /from 'wxt\/browser'|\bbrowser\.(runtime|storage|tabs)\b|\bchrome\.(runtime|storage|tabs)\b/.test(readFileSync(file, 'utf8')));
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });

  it('names files in kebab-case', () => {
    const offenders = product.filter((file) => !/^[a-z0-9]+(?:[-.][a-z0-9]+)*\.(ts|tsx)$/.test(file.split(/[\\/]/).pop()!));
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });
});
