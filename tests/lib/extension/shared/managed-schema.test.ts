import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPLIANCE_POLICY_KEYS } from '../../../../lib/compliance/policy';
import { sourceFiles } from '../../../fixtures/import-graph';

const root = join(import.meta.dirname, '..', '..', '..', '..');

/**
 * Chrome discards a managed value whose key its schema does not declare, so a policy key the code reads but the
 * schema lacks is silently never set. Every key passed to readManagedPolicy must be in public/managed-schema.json.
 */
describe('the managed policy schema', () => {
  it('declares every key OnScript reads from managed storage', () => {
    const schema = JSON.parse(readFileSync(join(root, 'public', 'managed-schema.json'), 'utf8')) as { properties: Record<string, unknown> };
    const read = new Set<string>(COMPLIANCE_POLICY_KEYS);
    for (const file of sourceFiles(root, ['lib'])) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const call of text.matchAll(/readManagedPolicy\(\s*\[([^\]]*)\]/g)) {
        for (const key of call[1]!.matchAll(/'([A-Za-z]+)'/g)) read.add(key[1]!);
      }
    }
    expect(read.size).toBeGreaterThan(10);
    expect([...read].filter((key) => !(key in schema.properties)).sort()).toEqual([]);
  });
});
