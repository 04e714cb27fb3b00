/**
 * The pack command line for team leads' pipelines (`npm run pack -- <command>`). All logic lives here and talks
 * to the outside through {@link PackCliIo}, so tests drive it with an in-memory file system;
 * `scripts/pack-cli.ts` only wires Node's fs and process.
 *
 * Exit codes: 0 success; 1 the pack or its signature is invalid; 2 usage, file or key problems.
 */
import { readComplianceLog, verifyComplianceLog } from '../audit/compliance-log.ts';
import { MAX_PACK_BYTES, readJsonDocument } from './json-guard.ts';
import { parsePack } from './parse.ts';
import { generateKeyPair, readPrivateKey, readPublicKey, signPack, verifySignedPack, KEY_ID_PATTERN } from './signing.ts';
import type { PackChannelStamp, PackIssue, PackPublicKey } from './types.ts';

/** What the CLI needs from its environment. */
export interface PackCliIo {
  readFile(path: string): Promise<string>;
  /** `secret` asks for owner-only permissions (private keys). */
  writeFile(path: string, text: string, options?: { secret?: boolean }): Promise<void>;
  exists(path: string): Promise<boolean>;
  stdout(line: string): void;
  stderr(line: string): void;
}

/** Exit codes of {@link runPackCli}. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/** Usage text printed by `help` and after usage errors. */
export const PACK_CLI_USAGE = `Usage: npm run pack -- <command>

Commands:
  validate FILE                       Check a pack (or the pack inside a signed file) against format v1
  keygen [--out DIR] [--key-id ID]    Create an Ed25519 key pair: ID.public.json and ID.private.json in DIR (default .)
  sign FILE --key KEY [--out FILE]    Validate and sign FILE with private key file KEY
                                      (default output FILE.signed.json; --out - writes to stdout)
       [--channel ID --sequence N --expires DATE]
                                      Stamp the file for a channel: agents then refuse older sequences,
                                      other channels and expired files (re-sign before DATE, ISO 8601)
  verify FILE --pub KEY [--pub KEY]   Verify a signed pack against trusted public key files or base64 keys
  verify-log FILE                     Check an exported compliance log's hash chain (onscript-compliance-log/1)
  help                                Show this text

Exit codes: 0 success, 1 invalid pack or signature, 2 usage, file or key error.`;

interface ParsedArgs {
  positional: string[];
  options: Map<string, string[]>;
}

const OPTIONS_WITH_VALUES = new Set(['out', 'key', 'pub', 'key-id', 'channel', 'sequence', 'expires']);

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string[]>();
  // npm and vite-node may pass the `--` separator through.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-h' || arg === '--help') {
      options.set('help', ['']);
      continue;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!OPTIONS_WITH_VALUES.has(name)) throw new UsageError(`unknown option --${name}`);
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = args[i + 1];
      i++;
    }
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
    options.set(name, [...(options.get(name) ?? []), value]);
  }
  return { positional, options };
}

function single(args: ParsedArgs, name: string): string | undefined {
  const values = args.options.get(name);
  if (values && values.length > 1) throw new UsageError(`--${name} given more than once`);
  return values?.[0];
}

function formatIssue(issue: PackIssue): string {
  return `${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`;
}

function joinPath(directory: string, name: string): string {
  return `${directory.replace(/[\\/]+$/, '')}/${name}`;
}

/**
 * Runs one CLI command.
 * @param argv - Arguments after the script name, e.g. `['sign', 'pack.json', '--key', 'lead.private.json']`.
 * @returns The process exit code.
 */
export async function runPackCli(argv: readonly string[], io: PackCliIo): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  const [command, ...rest] = args.positional;
  if (args.options.has('help') || command === 'help') {
    io.stdout(PACK_CLI_USAGE);
    return EXIT.ok;
  }
  try {
    switch (command) {
      case 'validate':
        return await validateCommand(rest, args, io);
      case 'keygen':
        return await keygenCommand(rest, args, io);
      case 'sign':
        return await signCommand(rest, args, io);
      case 'verify':
        return await verifyCommand(rest, args, io);
      case 'verify-log':
        return await verifyLogCommand(rest, args, io);
      case undefined:
        return usage(io, 'no command given');
      default:
        return usage(io, `unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) return usage(io, error.message);
    throw error;
  }
}

function usage(io: PackCliIo, message: string): number {
  io.stderr(`error: ${message}`);
  io.stderr(PACK_CLI_USAGE);
  return EXIT.usage;
}

function onlyFile(rest: string[], command: string): string {
  if (rest.length !== 1) throw new UsageError(`${command} takes exactly one FILE`);
  return rest[0] as string;
}

function allowOnly(args: ParsedArgs, command: string, allowed: readonly string[]): void {
  for (const name of args.options.keys()) {
    if (!allowed.includes(name)) throw new UsageError(`${command} does not take --${name}`);
  }
}

async function read(io: PackCliIo, path: string, what: string): Promise<string | undefined> {
  try {
    return await io.readFile(path);
  } catch (error) {
    io.stderr(`error: cannot read ${what} ${path}: ${(error as Error).message}`);
    return undefined;
  }
}

function reportIssues(io: PackCliIo, errors: readonly PackIssue[], warnings: readonly PackIssue[]): void {
  for (const issue of errors) io.stderr(`  ${formatIssue(issue)}`);
  for (const issue of warnings) io.stderr(`  warning ${formatIssue(issue)}`);
}

async function validateCommand(rest: string[], args: ParsedArgs, io: PackCliIo): Promise<number> {
  allowOnly(args, 'validate', []);
  const file = onlyFile(rest, 'validate');
  const text = await read(io, file, 'pack');
  if (text === undefined) return EXIT.usage;
  // A signed file is validated through its inner pack; its signature needs `verify` and a key.
  const envelope = readJsonDocument(text, MAX_PACK_BYTES + 4096);
  let prefix = '';
  let input: unknown = text;
  if (envelope.ok && isSignedEnvelope(envelope.value)) {
    prefix = '/pack';
    input = envelope.value.pack;
    io.stdout(`note: ${file} is a signed file; validating its pack only (use verify to check the signature)`);
  }
  const result = parsePack(input);
  const shift = (issue: PackIssue): PackIssue => ({ path: `${prefix}${issue.path}`, message: issue.message });
  if (!result.ok) {
    io.stderr(`✗ ${file}: ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}`);
    reportIssues(io, result.errors.map(shift), result.warnings.map(shift));
    return EXIT.invalid;
  }
  const warnings = result.warnings.length;
  io.stdout(`✓ ${file}: pack ${result.pack.id} ${result.pack.version} is valid${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`);
  reportIssues(io, [], result.warnings.map(shift));
  return EXIT.ok;
}

function isSignedEnvelope(value: unknown): value is { pack: unknown; signature: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.hasOwn(value, 'pack') && Object.hasOwn(value, 'signature');
}

async function keygenCommand(rest: string[], args: ParsedArgs, io: PackCliIo): Promise<number> {
  allowOnly(args, 'keygen', ['out', 'key-id']);
  if (rest.length > 0) throw new UsageError('keygen takes no FILE (use --out DIR)');
  const directory = single(args, 'out') ?? '.';
  const keyId = single(args, 'key-id');
  if (keyId !== undefined && !KEY_ID_PATTERN.test(keyId)) throw new UsageError(`invalid --key-id "${keyId}": letters, digits, ".", "_", "-"`);
  const pair = await generateKeyPair(keyId);
  const publicPath = joinPath(directory, `${pair.publicKey.keyId}.public.json`);
  const privatePath = joinPath(directory, `${pair.privateKey.keyId}.private.json`);
  for (const path of [publicPath, privatePath]) {
    if (await io.exists(path)) {
      io.stderr(`error: ${path} already exists; choose another --key-id or --out`);
      return EXIT.usage;
    }
  }
  try {
    await io.writeFile(privatePath, `${JSON.stringify(pair.privateKey, null, 2)}\n`, { secret: true });
    await io.writeFile(publicPath, `${JSON.stringify(pair.publicKey, null, 2)}\n`);
  } catch (error) {
    io.stderr(`error: cannot write key files: ${(error as Error).message}`);
    return EXIT.usage;
  }
  io.stdout(`key id:      ${pair.publicKey.keyId}`);
  io.stdout(`public key:  ${publicPath}   (give this to agents / enterprise policy)`);
  io.stdout(`private key: ${privatePath}   (keep secret; never commit it)`);
  return EXIT.ok;
}

/** The channel stamp from `--channel`, `--sequence` and `--expires`: all three or none. */
function readStampArgs(args: ParsedArgs): PackChannelStamp | undefined {
  const id = single(args, 'channel');
  const sequence = single(args, 'sequence');
  const expiresAt = single(args, 'expires');
  if (id === undefined && sequence === undefined && expiresAt === undefined) return undefined;
  if (id === undefined || sequence === undefined || expiresAt === undefined) {
    throw new UsageError('a channel stamp needs all of --channel ID, --sequence N and --expires DATE');
  }
  if (!/^\d{1,15}$/.test(sequence)) throw new UsageError(`--sequence must be a whole number, not "${sequence}"`);
  return { id, sequence: Number(sequence), expiresAt };
}

async function signCommand(rest: string[], args: ParsedArgs, io: PackCliIo): Promise<number> {
  allowOnly(args, 'sign', ['key', 'out', 'channel', 'sequence', 'expires']);
  const channel = readStampArgs(args);
  const file = onlyFile(rest, 'sign');
  const keyPath = single(args, 'key');
  if (keyPath === undefined) throw new UsageError('sign needs --key PRIVATE_KEY_FILE');
  const keyText = await read(io, keyPath, 'key file');
  if (keyText === undefined) return EXIT.usage;
  const key = await readPrivateKey(keyText);
  if (!key.ok) {
    io.stderr(`error: ${keyPath} is not a usable private key file`);
    reportIssues(io, key.errors, []);
    return EXIT.usage;
  }
  const text = await read(io, file, 'pack');
  if (text === undefined) return EXIT.usage;
  const signed = await signPack(text, key.key, channel);
  if (!signed.ok) {
    io.stderr(`✗ ${file}: not signed, the pack is invalid`);
    reportIssues(io, signed.errors, []);
    return EXIT.invalid;
  }
  const output = `${JSON.stringify(signed.signed, null, 2)}\n`;
  const out = single(args, 'out') ?? file.replace(/(\.json)?$/i, '.signed.json');
  reportIssues(io, [], signed.warnings);
  if (out === '-') {
    io.stdout(output.trimEnd());
    return EXIT.ok;
  }
  try {
    await io.writeFile(out, output);
  } catch (error) {
    io.stderr(`error: cannot write ${out}: ${(error as Error).message}`);
    return EXIT.usage;
  }
  const sealed = channel ? ` for channel ${channel.id} (sequence ${channel.sequence}, expires ${channel.expiresAt})` : '';
  io.stdout(`✓ signed ${signed.signed.pack.id} ${signed.signed.pack.version} with key ${key.key.keyId}${sealed} → ${out}`);
  return EXIT.ok;
}

async function verifyCommand(rest: string[], args: ParsedArgs, io: PackCliIo): Promise<number> {
  allowOnly(args, 'verify', ['pub']);
  const file = onlyFile(rest, 'verify');
  const keyPaths = args.options.get('pub') ?? [];
  if (keyPaths.length === 0) throw new UsageError('verify needs --pub PUBLIC_KEY (a key file or a base64 key)');
  const keys: PackPublicKey[] = [];
  for (const keyArg of keyPaths) {
    // A value that is not a readable file is tried as a bare base64 key.
    let keyText: string | undefined;
    if (await io.exists(keyArg)) {
      keyText = await read(io, keyArg, 'key file');
      if (keyText === undefined) return EXIT.usage;
    } else keyText = keyArg;
    const key = await readPublicKey(keyText);
    if (!key.ok) {
      io.stderr(`error: ${keyArg} is not a public key file or base64 Ed25519 public key`);
      reportIssues(io, key.errors, []);
      return EXIT.usage;
    }
    keys.push(key.key);
  }
  const text = await read(io, file, 'signed pack');
  if (text === undefined) return EXIT.usage;
  const result = await verifySignedPack(text, keys);
  if (!result.ok) {
    io.stderr(`✗ ${file}: refused`);
    reportIssues(io, result.errors, []);
    return EXIT.invalid;
  }
  io.stdout(`✓ ${file}: pack ${result.pack.id} ${result.pack.version}, signature by ${result.keyId} is valid`);
  reportIssues(io, [], result.warnings);
  return EXIT.ok;
}

async function verifyLogCommand(rest: string[], args: ParsedArgs, io: PackCliIo): Promise<number> {
  allowOnly(args, 'verify-log', []);
  const file = onlyFile(rest, 'verify-log');
  const text = await read(io, file, 'compliance log');
  if (text === undefined) return EXIT.usage;
  const parsed = readComplianceLog(text);
  if (!parsed.ok) {
    io.stderr(`✗ ${file}: ${parsed.error}`);
    return EXIT.invalid;
  }
  const verdict = await verifyComplianceLog(parsed.file);
  if (!verdict.ok) {
    io.stderr(`✗ ${file}: entry ${verdict.seq}: ${verdict.reason}`);
    return EXIT.invalid;
  }
  const { anchor, entries } = parsed.file;
  const last = entries.at(-1);
  io.stdout(`✓ ${file}: ${verdict.count} entries, chain intact from entry ${anchor.seq + 1}${last ? ` to ${last.seq}; last hash ${last.hash}` : ''}`);
  return EXIT.ok;
}
