/**
 * Entry point of `npm run pack -- <command>`: wires Node's file system and process to lib/packs/cli.ts, where
 * the logic and its tests live.
 */
import { access, readFile, writeFile } from 'node:fs/promises';
import { runPackCli, type PackCliIo } from '../lib/packs/cli.ts';

const io: PackCliIo = {
  readFile: (path) => readFile(path, 'utf8'),
  // Private keys are created owner-read/write only, and never over an existing file.
  writeFile: (path, text, options) =>
    writeFile(path, text, options?.secret ? { encoding: 'utf8', mode: 0o600, flag: 'wx' } : { encoding: 'utf8' }),
  exists: async (path) => {
    try {
      await access(path);
      return true;
    } catch {
      return false;
    }
  },
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

runPackCli(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
