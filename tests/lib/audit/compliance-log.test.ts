import { describe, expect, it } from 'vitest';
import { chainEntry, GENESIS_HASH, readComplianceLog, verifyComplianceLog, type ComplianceLogEntry } from '../../../lib/audit/compliance-log';

/** A chain of `count` entries, built the way the background appends them. */
async function chain(count: number): Promise<ComplianceLogEntry[]> {
  const entries: ComplianceLogEntry[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const kind = seq % 3 === 0 ? 'override' : seq % 3 === 1 ? 'gate' : 'disposition';
    entries.push(await chainEntry({ at: 1_000 * seq, kind, callId: `call-${seq}`, code: kind === 'gate' ? 'block' : 'x', ...(kind === 'override' ? { reason: 'debtor asked' } : {}) }, seq, entries.at(-1)?.hash ?? GENESIS_HASH));
  }
  return entries;
}

describe('the hash-chained compliance log (issue 14, item 13)', () => {
  it('links each entry to the one before by its SHA-256, and verifies a whole chain', async () => {
    const entries = await chain(6);
    expect(entries[0]!.prev).toBe(GENESIS_HASH);
    expect(entries[1]!.prev).toBe(entries[0]!.hash);
    expect(entries[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    await expect(verifyComplianceLog({ anchor: { seq: 0, hash: GENESIS_HASH }, entries })).resolves.toEqual({ ok: true, count: 6 });
  });

  it('detects an edited entry, a deleted one, a reordered pair and a replaced tail', async () => {
    const entries = await chain(6);
    const edited = entries.map((entry) => (entry.seq === 3 ? { ...entry, reason: 'no reason at all' } : entry));
    await expect(verifyComplianceLog({ anchor: { seq: 0, hash: GENESIS_HASH }, entries: edited })).resolves.toMatchObject({ ok: false, seq: 3 });
    const deleted = entries.filter((entry) => entry.seq !== 4);
    await expect(verifyComplianceLog({ anchor: { seq: 0, hash: GENESIS_HASH }, entries: deleted })).resolves.toMatchObject({ ok: false, seq: 5 });
    const swapped = [entries[0]!, entries[2]!, entries[1]!, ...entries.slice(3)];
    await expect(verifyComplianceLog({ anchor: { seq: 0, hash: GENESIS_HASH }, entries: swapped })).resolves.toMatchObject({ ok: false });
    // Rewriting an entry and every hash after it still breaks at the anchor's side when the first is changed.
    const rewritten = [{ ...entries[0]!, code: 'allow' }, ...entries.slice(1)];
    await expect(verifyComplianceLog({ anchor: { seq: 0, hash: GENESIS_HASH }, entries: rewritten })).resolves.toMatchObject({ ok: false, seq: 1 });
  });

  it('verifies a chain whose head was purged by retention from the anchor kept for it', async () => {
    const entries = await chain(6);
    const kept = entries.slice(2);
    await expect(verifyComplianceLog({ anchor: { seq: 2, hash: entries[1]!.hash }, entries: kept })).resolves.toEqual({ ok: true, count: 4 });
    await expect(verifyComplianceLog({ anchor: { seq: 2, hash: GENESIS_HASH }, entries: kept })).resolves.toMatchObject({ ok: false, seq: 3 });
  });

  it('reads an exported log file and refuses anything else', () => {
    expect(readComplianceLog('{"format":"onscript-compliance-log/1","anchor":{"seq":0,"hash":"' + GENESIS_HASH + '"},"entries":[]}')).toMatchObject({ ok: true });
    expect(readComplianceLog('[]')).toMatchObject({ ok: false });
    expect(readComplianceLog('not json')).toMatchObject({ ok: false });
  });
});
