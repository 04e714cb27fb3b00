/**
 * The tamper-evident compliance log: every gate result, ticked disclosure, block, override (with its reason),
 * disposition and pack version in use, appended in order; each entry carries the SHA-256 of the one before it, so
 * editing, deleting or reordering an entry breaks the chain at that entry. Retention removes entries from the head
 * only, and keeps the last removed entry's sequence and hash as the anchor the remaining chain starts from.
 *
 * Tamper-evident, not tamper-proof: whoever can write the browser's IndexedDB can rebuild a whole chain. Comparing
 * an export's last hash with one the lead kept from an earlier export shows whether history was rewritten.
 * Pure (SHA-256 from @noble/hashes, synchronous so that entries can be sealed inside the transaction that writes
 * them): the background appends, `npm run pack -- verify-log FILE` verifies.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../packs/canonical-json.ts';

/** What an entry records. */
export type ComplianceLogKind = 'gate' | 'disclosure' | 'block' | 'override' | 'disposition' | 'pack';

/** An entry as the features hand it to the log, before it is numbered and chained. */
export interface ComplianceLogDraft {
  /** Epoch ms. */
  at: number;
  kind: ComplianceLogKind;
  callId?: string;
  /** The gate's action, the rule's code, the check's or the disposition's id. */
  code?: string;
  /** Why the agent overrode (masked free text, as stored with the call). */
  reason?: string;
  packId?: string;
  packVersion?: string;
}

/** A stored entry: numbered from 1, linked to the one before by `prev`, sealed by `hash`. */
export interface ComplianceLogEntry extends ComplianceLogDraft {
  seq: number;
  /** SHA-256 (hex) of the entry before, or {@link GENESIS_HASH} for the first entry ever. */
  prev: string;
  /** SHA-256 (hex) of this entry's canonical JSON without `hash`. */
  hash: string;
}

/** Where a chain starts: the sequence and hash of the entry just before its first (retention removed the rest). */
export interface ComplianceLogAnchor {
  seq: number;
  hash: string;
}

/** An exported log: the anchor and the entries after it, in order. */
export interface ComplianceLogFile {
  format?: typeof COMPLIANCE_LOG_FORMAT;
  anchor: ComplianceLogAnchor;
  entries: ComplianceLogEntry[];
}

/** The `prev` of the first entry ever. */
export const GENESIS_HASH = '0'.repeat(64);
/** The format marker of an exported log file. */
export const COMPLIANCE_LOG_FORMAT = 'onscript-compliance-log/1';

const DRAFT_KEYS = ['at', 'kind', 'callId', 'code', 'reason', 'packId', 'packVersion'] as const;

/**
 * The hash an entry must carry: SHA-256 over its canonical JSON without `hash`, defined fields only. Synchronous
 * (@noble/hashes rather than WebCrypto), so the background can chain entries inside the IndexedDB transaction that
 * writes them: an await on anything but the transaction's own requests would let it commit early.
 */
export function hashOfEntry(entry: Omit<ComplianceLogEntry, 'hash'>): string {
  const sealed: Record<string, unknown> = { seq: entry.seq, prev: entry.prev };
  for (const key of DRAFT_KEYS) if (entry[key] !== undefined) sealed[key] = entry[key];
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(sealed))));
}

/** {@link hashOfEntry}, as a promise (the API before hashing became synchronous). */
export function hashOf(entry: Omit<ComplianceLogEntry, 'hash'>): Promise<string> {
  return Promise.resolve(hashOfEntry(entry));
}

/** Numbers, links and seals a draft as entry `seq` after the entry whose hash is `prev`. */
export function sealEntry(draft: ComplianceLogDraft, seq: number, prev: string): ComplianceLogEntry {
  const entry: Omit<ComplianceLogEntry, 'hash'> = { seq, prev, at: draft.at, kind: draft.kind };
  for (const key of DRAFT_KEYS) if (draft[key] !== undefined) (entry as unknown as Record<string, unknown>)[key] = draft[key];
  return { ...entry, hash: hashOfEntry(entry) };
}

/** {@link sealEntry}, as a promise (the API before hashing became synchronous). */
export function chainEntry(draft: ComplianceLogDraft, seq: number, prev: string): Promise<ComplianceLogEntry> {
  return Promise.resolve(sealEntry(draft, seq, prev));
}

/** Seals `drafts` in order as the entries after `tail`. */
export function chainAfter(tail: ComplianceLogAnchor, drafts: readonly ComplianceLogDraft[]): ComplianceLogEntry[] {
  const entries: ComplianceLogEntry[] = [];
  let prev = tail;
  for (const draft of drafts) {
    const entry = sealEntry(draft, prev.seq + 1, prev.hash);
    entries.push(entry);
    prev = { seq: entry.seq, hash: entry.hash };
  }
  return entries;
}

/** The outcome of {@link verifyComplianceLog}: how many entries held, or the first that does not and why. */
export type ComplianceLogVerdict = { ok: true; count: number } | { ok: false; seq: number; reason: string };

/** Checks that `entries` continue `anchor` one by one: consecutive numbers, each linked to and sealed as it should be. */
export async function verifyComplianceLog(file: ComplianceLogFile): Promise<ComplianceLogVerdict> {
  let expected = file.anchor;
  for (const entry of file.entries) {
    if (entry.seq !== expected.seq + 1) return { ok: false, seq: entry.seq, reason: `expected entry ${expected.seq + 1} next: an entry is missing or out of order` };
    if (entry.prev !== expected.hash) return { ok: false, seq: entry.seq, reason: 'its link to the entry before does not match: that entry was changed or removed' };
    const { hash, ...rest } = entry;
    if (hashOfEntry(rest) !== hash) return { ok: false, seq: entry.seq, reason: 'its content does not match its hash: it was changed' };
    expected = { seq: entry.seq, hash };
  }
  return { ok: true, count: file.entries.length };
}

/** Reads an exported log file (JSON text), checking its shape; the chain itself is {@link verifyComplianceLog}'s. */
export function readComplianceLog(text: string): { ok: true; file: ComplianceLogFile } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isRecord(value) || value['format'] !== COMPLIANCE_LOG_FORMAT) return { ok: false, error: `not an ${COMPLIANCE_LOG_FORMAT} file` };
  const { anchor, entries } = value;
  if (!isRecord(anchor) || typeof anchor['seq'] !== 'number' || typeof anchor['hash'] !== 'string') return { ok: false, error: 'bad anchor' };
  if (!Array.isArray(entries) || !entries.every((entry) => isRecord(entry) && typeof entry['seq'] === 'number' && typeof entry['hash'] === 'string')) {
    return { ok: false, error: 'bad entries' };
  }
  return { ok: true, file: { format: COMPLIANCE_LOG_FORMAT, anchor: { seq: anchor['seq'], hash: anchor['hash'] }, entries: entries as unknown as ComplianceLogEntry[] } };
}
