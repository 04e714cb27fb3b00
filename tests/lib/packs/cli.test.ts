import { describe, expect, it } from 'vitest';
import { EXIT, runPackCli, type PackCliIo } from '../../../lib/packs/cli.ts';
import type { SignedPackFile } from '../../../lib/packs/index.ts';
import { minimalPack } from './fixtures.ts';

function memoryIo(files: Record<string, string> = {}): PackCliIo & { files: Map<string, string>; out: string[]; err: string[]; secret: Set<string> } {
  const store = new Map(Object.entries(files));
  const out: string[] = [];
  const err: string[] = [];
  const secret = new Set<string>();
  return {
    files: store,
    out,
    err,
    secret,
    readFile: async (path) => {
      const text = store.get(path);
      if (text === undefined) throw new Error('ENOENT: no such file');
      return text;
    },
    writeFile: async (path, text, options) => {
      store.set(path, text);
      if (options?.secret) secret.add(path);
    },
    exists: async (path) => store.has(path),
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
  };
}

const packText = JSON.stringify(minimalPack(), null, 2);

describe('pack CLI', () => {
  it('validate: 0 for a valid pack, 1 with paths for an invalid one', async () => {
    const broken = minimalPack();
    broken.steps[0]!.choices![0]!.next = 'nowhere';
    const io = memoryIo({ 'good.json': packText, 'bad.json': JSON.stringify(broken) });
    expect(await runPackCli(['validate', 'good.json'], io)).toBe(0);
    expect(io.out.join('\n')).toMatch(/✓ good\.json: pack test\.minimal 1\.0\.0 is valid/);
    expect(await runPackCli(['validate', 'bad.json'], io)).toBe(1);
    expect(io.err).toContain('  /steps/0/choices/0/next: no step has the id "nowhere"');
  });

  it('validate: malformed JSON is reported at the root', async () => {
    const io = memoryIo({ 'x.json': '{"format":' });
    expect(await runPackCli(['validate', 'x.json'], io)).toBe(1);
    expect(io.err.join('\n')).toMatch(/\(root\): malformed JSON/);
  });

  it('usage errors exit 2: no command, unknown command, missing file, unknown option, extra args', async () => {
    const io = memoryIo({ 'p.json': packText });
    expect(await runPackCli([], io)).toBe(2);
    expect(await runPackCli(['frobnicate'], io)).toBe(2);
    expect(await runPackCli(['validate', 'missing.json'], io)).toBe(2);
    expect(io.err.join('\n')).toMatch(/cannot read pack missing\.json/);
    expect(await runPackCli(['validate', 'p.json', '--force'], io)).toBe(2);
    expect(await runPackCli(['validate', 'p.json', 'q.json'], io)).toBe(2);
    expect(await runPackCli(['sign', 'p.json'], io)).toBe(2);
    expect(await runPackCli(['verify', 'p.json'], io)).toBe(2);
    expect(await runPackCli(['help'], io)).toBe(0);
    expect(io.out.join('\n')).toMatch(/Usage: npm run pack/);
  });

  it('keygen → sign → verify, with the leading "--" npm passes through', async () => {
    const io = memoryIo({ 'pack.json': packText });
    expect(await runPackCli(['--', 'keygen', '--out', 'keys/', '--key-id', 'team-a'], io)).toBe(0);
    expect([...io.files.keys()].sort()).toEqual(['keys/team-a.private.json', 'keys/team-a.public.json', 'pack.json']);
    expect(io.secret).toEqual(new Set(['keys/team-a.private.json']));
    expect(await runPackCli(['sign', 'pack.json', '--key', 'keys/team-a.private.json'], io)).toBe(0);
    const signed = JSON.parse(io.files.get('pack.signed.json') ?? '') as SignedPackFile;
    expect(signed.signature.keyId).toBe('team-a');
    expect(await runPackCli(['verify', 'pack.signed.json', '--pub', 'keys/team-a.public.json'], io)).toBe(0);
    expect(io.out.at(-1)).toMatch(/signature by team-a is valid/);
    // A bare base64 key works too, with --opt=value syntax.
    const publicKey = (JSON.parse(io.files.get('keys/team-a.public.json') ?? '') as { publicKey: string }).publicKey;
    const bare = memoryIo({ 's.json': JSON.stringify({ ...signed, signature: { ...signed.signature, keyId: 'x' } }) });
    expect(await runPackCli(['verify', 's.json', `--pub=${publicKey}`], bare)).toBe(1);
  });

  it('sign --channel --sequence --expires stamps the file; the stamp is signed; a partial stamp is a usage error', async () => {
    const io = memoryIo({ 'pack.json': packText });
    expect(await runPackCli(['keygen', '--out', 'keys/', '--key-id', 'team-a'], io)).toBe(0);
    const stampArgs = ['--channel', 'agency', '--sequence', '7', '--expires', '2027-01-31T00:00:00Z'];
    expect(await runPackCli(['sign', 'pack.json', '--key', 'keys/team-a.private.json', ...stampArgs], io)).toBe(0);
    expect(io.out.at(-1)).toMatch(/for channel agency \(sequence 7, expires 2027-01-31T00:00:00Z\)/);
    const signed = JSON.parse(io.files.get('pack.signed.json') ?? '') as SignedPackFile;
    expect(signed.channel).toEqual({ id: 'agency', sequence: 7, expiresAt: '2027-01-31T00:00:00Z' });
    expect(await runPackCli(['verify', 'pack.signed.json', '--pub', 'keys/team-a.public.json'], io)).toBe(0);
    // The stamp is under the signature: a host raising the sequence breaks it.
    io.files.set('bumped.json', JSON.stringify({ ...signed, channel: { ...signed.channel, sequence: 99 } }));
    expect(await runPackCli(['verify', 'bumped.json', '--pub', 'keys/team-a.public.json'], io)).toBe(1);
    expect(await runPackCli(['sign', 'pack.json', '--key', 'keys/team-a.private.json', '--channel', 'agency'], io)).toBe(2);
    expect(io.err.join('\n')).toMatch(/needs all of --channel ID, --sequence N and --expires DATE/);
    expect(await runPackCli(['sign', 'pack.json', '--key', 'keys/team-a.private.json', '--channel', 'agency', '--sequence', '7', '--expires', 'soon'], io)).toBe(1);
    expect(io.err.join('\n')).toMatch(/\/channel\/expiresAt/);
  });

  it('keygen refuses to overwrite existing key files', async () => {
    const io = memoryIo({ 'k/team.private.json': 'old' });
    expect(await runPackCli(['keygen', '--out', 'k', '--key-id', 'team'], io)).toBe(2);
    expect(io.files.get('k/team.private.json')).toBe('old');
  });

  it('verify exits 1 for a tampered pack or another key, with the reason', async () => {
    const io = memoryIo({ 'pack.json': packText });
    await runPackCli(['keygen', '--key-id', 'lead'], io);
    await runPackCli(['keygen', '--key-id', 'other'], io);
    await runPackCli(['sign', 'pack.json', '--key', './lead.private.json', '--out', 'signed.json'], io);
    const tampered = (io.files.get('signed.json') ?? '').replace('"Greeting"', '"Pay now"');
    io.files.set('tampered.json', tampered);
    expect(await runPackCli(['verify', 'tampered.json', '--pub', './lead.public.json'], io)).toBe(1);
    expect(io.err.join('\n')).toMatch(/\/signature\/value: the signature does not match/);
    expect(await runPackCli(['verify', 'signed.json', '--pub', './other.public.json'], io)).toBe(1);
    expect(io.err.join('\n')).toMatch(/not trusted/);
    expect(await runPackCli(['verify', 'signed.json', '--pub', './other.public.json', '--pub', './lead.public.json'], io)).toBe(0);
  });

  it('sign exits 1 and writes nothing for an invalid pack; 2 for a bad key', async () => {
    const io = memoryIo({ 'bad.json': JSON.stringify({ ...minimalPack(), version: 'v2' }), 'pack.json': packText, 'key.json': '{"alg":"Ed25519"}' });
    await runPackCli(['keygen', '--key-id', 'lead'], io);
    expect(await runPackCli(['sign', 'bad.json', '--key', './lead.private.json'], io)).toBe(1);
    expect(io.files.has('bad.signed.json')).toBe(false);
    expect(io.err).toContain('  /version: "v2" is not a semantic version (for example 1.4.0)');
    expect(await runPackCli(['sign', 'pack.json', '--key', 'key.json'], io)).toBe(2);
    expect(await runPackCli(['sign', 'pack.json', '--key', './lead.public.json'], io)).toBe(2);
  });

  it('sign --out - prints the signed file; validate reads the pack inside a signed file', async () => {
    const io = memoryIo({ 'pack.json': packText });
    await runPackCli(['keygen', '--key-id', 'lead'], io);
    expect(await runPackCli(['sign', 'pack.json', '--key', './lead.private.json', '--out', '-'], io)).toBe(0);
    const printed = JSON.parse(io.out.at(-1) ?? '') as SignedPackFile;
    expect(printed.pack.id).toBe('test.minimal');
    io.files.set('s.json', JSON.stringify({ ...printed, pack: { ...printed.pack, extra: 1 } }));
    expect(await runPackCli(['validate', 's.json'], io)).toBe(1);
    expect(io.err).toContain('  /pack/extra: unknown field "extra"');
  });
});

describe('pack CLI: verify-log (issue 14, item 13)', () => {
  it('checks an exported compliance log and names the first entry that was changed', async () => {
    const { chainEntry, GENESIS_HASH, COMPLIANCE_LOG_FORMAT } = await import('../../../lib/audit/compliance-log');
    const first = await chainEntry({ at: 1, kind: 'gate', callId: 'c1', code: 'block' }, 1, GENESIS_HASH);
    const second = await chainEntry({ at: 2, kind: 'override', callId: 'c1', code: 'pre-dial-guard', reason: 'debtor asked' }, 2, first.hash);
    const file = (entries: unknown[]) => JSON.stringify({ format: COMPLIANCE_LOG_FORMAT, anchor: { seq: 0, hash: GENESIS_HASH }, entries });
    const io = memoryIo({ 'log.json': file([first, second]), 'edited.json': file([first, { ...second, reason: 'no reason' }]), 'junk.json': '[]' });
    expect(await runPackCli(['verify-log', 'log.json'], io)).toBe(EXIT.ok);
    expect(io.out.join('\n')).toMatch(/2 entries, chain intact/);
    expect(await runPackCli(['verify-log', 'edited.json'], io)).toBe(EXIT.invalid);
    expect(io.err.join('\n')).toMatch(/entry 2: its content does not match its hash/);
    expect(await runPackCli(['verify-log', 'junk.json'], io)).toBe(EXIT.invalid);
  });
});
