import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  generateKeyPair,
  parsePack,
  publicKeyFor,
  readPrivateKey,
  readPublicKey,
  signPack,
  verifySignedPack,
  type PackPrivateKey,
  type SignedPackFile,
} from '../../../lib/packs/index.ts';
import { deriveKeyId } from '../../../lib/packs/signing.ts';
import { minimalPack } from './fixtures.ts';

async function signed(privateKey: PackPrivateKey, pack: unknown = minimalPack()): Promise<SignedPackFile> {
  const result = await signPack(pack, privateKey);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.signed;
}

describe('canonicalJson', () => {
  it('sorts keys at every level and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('is the same whatever the key order and indentation of the source', () => {
    const pack = minimalPack();
    const reversed = Object.fromEntries(Object.entries(pack).reverse());
    const reindented = JSON.parse(JSON.stringify(pack, null, 4)) as unknown;
    expect(canonicalJson(reversed)).toBe(canonicalJson(pack));
    expect(canonicalJson(reindented)).toBe(canonicalJson(pack));
    expect(canonicalJson(pack)).not.toMatch(/\n|": /);
  });

  it('escapes strings as JSON and refuses non-JSON values', () => {
    expect(canonicalJson({ s: '"<script>"\n债' })).toBe('{"s":"\\"<script>\\"\\n债"}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ u: undefined })).toThrow(TypeError);
  });
});

describe('keys', () => {
  it('generates 32-byte keys with a derived or chosen key id', async () => {
    const derived = await generateKeyPair();
    expect(derived.publicKey.keyId).toMatch(/^ed25519-[0-9a-f]{16}$/);
    expect(derived.privateKey.keyId).toBe(derived.publicKey.keyId);
    expect(atob(derived.publicKey.publicKey)).toHaveLength(32);
    const named = await generateKeyPair('team-a');
    expect(named.publicKey.keyId).toBe('team-a');
    await expect(generateKeyPair('bad id!')).rejects.toThrow(RangeError);
  });

  it('derives the public key from the private key', async () => {
    const pair = await generateKeyPair('lead');
    expect(await publicKeyFor(pair.privateKey)).toEqual(pair.publicKey);
  });

  it('reads key files and bare base64 public keys', async () => {
    const pair = await generateKeyPair('lead');
    expect(await readPublicKey(JSON.stringify(pair.publicKey))).toEqual({ ok: true, key: pair.publicKey });
    expect(await readPrivateKey(pair.privateKey)).toEqual({ ok: true, key: pair.privateKey });
    const bare = await readPublicKey(pair.publicKey.publicKey);
    expect(bare.ok && bare.key.keyId).toBe(await deriveKeyId(Uint8Array.from(atob(pair.publicKey.publicKey), (c) => c.charCodeAt(0))));
  });

  it('refuses broken key files with paths', async () => {
    const pair = await generateKeyPair('lead');
    const asPublic = await readPublicKey(JSON.stringify(pair.privateKey));
    expect(asPublic.ok).toBe(false);
    if (!asPublic.ok) expect(asPublic.errors).toContainEqual({ path: '/publicKey', message: expect.stringMatching(/private key file/) });
    const short = await readPublicKey({ ...pair.publicKey, publicKey: 'AAAA' });
    expect(short.ok).toBe(false);
    const wrongAlg = await readPrivateKey({ ...pair.privateKey, alg: 'RSA' });
    expect(!wrongAlg.ok && wrongAlg.errors[0]?.path).toBe('/alg');
    expect((await readPublicKey('not base64 !!')).ok).toBe(false);
    expect((await readPublicKey('{"__proto__": {}}')).ok).toBe(false);
  });
});

describe('signPack and verifySignedPack', () => {
  it('round-trips: signed object and signed JSON text both verify', async () => {
    const pair = await generateKeyPair('lead');
    const file = await signed(pair.privateKey);
    expect(file.signature).toEqual({ alg: 'Ed25519', keyId: 'lead', value: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/) });
    const fromObject = await verifySignedPack(file, [pair.publicKey]);
    expect(fromObject).toEqual({ ok: true, pack: minimalPack(), keyId: 'lead', warnings: [] });
    const fromText = await verifySignedPack(JSON.stringify(file, null, 2), [pair.publicKey]);
    expect(fromText.ok).toBe(true);
  });

  it('verifies whatever the key order of the file (canonical JSON)', async () => {
    const pair = await generateKeyPair('lead');
    const file = await signed(pair.privateKey);
    const reordered = { signature: file.signature, pack: Object.fromEntries(Object.entries(file.pack).reverse()) };
    expect((await verifySignedPack(reordered, [pair.publicKey])).ok).toBe(true);
  });

  it('refuses a tampered pack', async () => {
    const pair = await generateKeyPair('lead');
    const file = await signed(pair.privateKey);
    const tampered = JSON.parse(JSON.stringify(file)) as SignedPackFile;
    tampered.pack.steps[0]!.say![0]!.text.en = 'Pay now or else.';
    const result = await verifySignedPack(tampered, [pair.publicKey]);
    expect(result).toEqual({ ok: false, errors: [{ path: '/signature/value', message: expect.stringMatching(/does not match/) }] });
    const added = JSON.parse(JSON.stringify(file)) as { pack: Record<string, unknown> };
    added.pack.version = '9.9.9';
    expect((await verifySignedPack(added, [pair.publicKey])).ok).toBe(false);
  });

  it('refuses a signature by another key, under its own id or a trusted id', async () => {
    const lead = await generateKeyPair('lead');
    const other = await generateKeyPair('other');
    const byOther = await signed(other.privateKey);
    const unknown = await verifySignedPack(byOther, [lead.publicKey]);
    expect(unknown).toEqual({ ok: false, errors: [{ path: '/signature/keyId', message: expect.stringMatching(/not trusted/) }] });
    const impostor = await signed({ ...other.privateKey, keyId: 'lead' });
    const mismatch = await verifySignedPack(impostor, [lead.publicKey]);
    expect(!mismatch.ok && mismatch.errors[0]?.path).toBe('/signature/value');
  });

  it('refuses a missing or malformed signature', async () => {
    const pair = await generateKeyPair('lead');
    const file = await signed(pair.privateKey);
    const unsigned = await verifySignedPack({ pack: file.pack }, [pair.publicKey]);
    expect(!unsigned.ok && unsigned.errors).toContainEqual({ path: '/signature', message: expect.stringMatching(/not signed/) });
    const bare = await verifySignedPack(file.pack, [pair.publicKey]);
    expect(bare.ok).toBe(false);
    const shortSig = await verifySignedPack({ ...file, signature: { ...file.signature, value: 'AAAA' } }, [pair.publicKey]);
    expect(!shortSig.ok && shortSig.errors[0]?.path).toBe('/signature/value');
    const extra = await verifySignedPack({ ...file, signature: { ...file.signature, comment: 'x' } }, [pair.publicKey]);
    expect(!extra.ok && extra.errors[0]?.path).toBe('/signature/comment');
    const zeroSig = await verifySignedPack({ ...file, signature: { ...file.signature, value: btoa('\0'.repeat(64)) } }, [pair.publicKey]);
    expect(zeroSig.ok).toBe(false);
  });

  it('checks the signature before the schema, then the schema with /pack paths', async () => {
    const pair = await generateKeyPair('lead');
    // A correctly signed but invalid pack: signed by hand, since signPack refuses invalid packs.
    const invalid = minimalPack() as unknown as Record<string, unknown>;
    invalid.extra = true;
    const ed = await import('@noble/ed25519');
    const secret = Uint8Array.from(atob(pair.privateKey.privateKey), (c) => c.charCodeAt(0));
    const signature = await ed.signAsync(new TextEncoder().encode(canonicalJson(invalid)), secret);
    const value = btoa(String.fromCharCode(...signature));
    const result = await verifySignedPack({ pack: invalid, signature: { alg: 'Ed25519', keyId: 'lead', value } }, [pair.publicKey]);
    expect(result).toEqual({ ok: false, errors: [{ path: '/pack/extra', message: 'unknown field "extra"' }] });
    // The same invalid pack with a bad signature reports only the signature.
    const forged = await verifySignedPack({ pack: invalid, signature: { alg: 'Ed25519', keyId: 'lead', value: btoa('x'.repeat(64)) } }, [pair.publicKey]);
    expect(!forged.ok && forged.errors.map((e) => e.path)).toEqual(['/signature/value']);
  });

  it('refuses hostile signed files: malformed, huge, deep, __proto__', async () => {
    const pair = await generateKeyPair('lead');
    const file = await signed(pair.privateKey);
    expect((await verifySignedPack('{"pack":', [pair.publicKey])).ok).toBe(false);
    const huge = await verifySignedPack(`{"pack":"${'x'.repeat(10 * 1024 * 1024)}"}`, [pair.publicKey]);
    expect(!huge.ok && huge.errors[0]?.message).toMatch(/larger than/);
    const deep = await verifySignedPack(`{"pack":${'['.repeat(100)}${']'.repeat(100)}}`, [pair.publicKey]);
    expect(!deep.ok && deep.errors[0]?.message).toMatch(/deeper than/);
    const proto = JSON.stringify(file).replace('"pack":{', '"pack":{"__proto__":{"x":1},');
    const polluted = await verifySignedPack(proto, [pair.publicKey]);
    expect(!polluted.ok && polluted.errors[0]?.path).toBe('/pack/__proto__');
  });

  it('refuses to sign an invalid pack and reports its errors', async () => {
    const pair = await generateKeyPair('lead');
    const pack = minimalPack();
    pack.version = 'one';
    const result = await signPack(pack, pair.privateKey);
    expect(result).toEqual({ ok: false, errors: [{ path: '/version', message: expect.stringMatching(/semantic version/) }] });
  });

  it('signs the normalized pack that parsePack returns', async () => {
    const pair = await generateKeyPair('lead');
    const input = { ...minimalPack() } as Record<string, unknown>;
    delete input.objections;
    const file = await signed(pair.privateKey, input);
    const parsed = parsePack(input);
    expect(parsed.ok && file.pack).toEqual(parsed.ok ? parsed.pack : null);
    expect(file.pack.objections).toEqual([]);
  });
});
