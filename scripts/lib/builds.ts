/**
 * The builds the demo and the end-to-end suite run: OnScript's development builds (`wxt build --mode development`,
 * the only ones that declare the local demo origins, see wxt.config.ts) and the demo softphone. They are made here
 * when missing or older than their sources, so `npm start`, `npm run bench` and the end-to-end suite need no step of
 * their own, and never run an extension older than the code. `npm run build` makes the production builds that ship.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const outDir = resolve(root, process.env['ONSCRIPT_OUT_DIR'] ?? '.output');

/** The unpacked development build of OnScript for Chrome (WXT's `-dev` suffix for the development mode). */
export const CHROME_BUILD_DIR = resolve(outDir, 'chrome-mv3-dev');
/** The unpacked development build of OnScript for Firefox. */
export const FIREFOX_BUILD_DIR = resolve(outDir, 'firefox-mv2-dev');
/** The built demo softphone pages. */
export const DEMO_DIST_DIR = resolve(root, process.env['ONSCRIPT_DEMO_DIST'] ?? 'demo/dist');

/** What each build is made of: a change under any of these makes the build stale. */
const EXTENSION_SOURCES = ['lib', 'components', 'entrypoints', 'public', 'wxt.config.ts', 'package-lock.json', 'tsconfig.json'];
const DEMO_SOURCES = ['demo', 'package-lock.json'];

/** The newest modification time under `paths` (files and folders, recursively), skipping build output. */
function newestChange(paths: readonly string[]): number {
  let newest = 0;
  const visit = (path: string) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return;
    }
    newest = Math.max(newest, stat.mtimeMs);
    if (!stat.isDirectory()) return;
    for (const name of readdirSync(path)) if (name !== 'dist' && name !== 'node_modules') visit(join(path, name));
  };
  for (const path of paths) visit(resolve(root, path));
  return newest;
}

function builtAt(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function run(command: string, args: string[]): void {
  console.error(`Building: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** Makes the development build for `browser` unless one at least as new as its sources is there. */
export function ensureDevBuild(browser: 'chrome' | 'firefox'): string {
  const dir = browser === 'chrome' ? CHROME_BUILD_DIR : FIREFOX_BUILD_DIR;
  const built = builtAt(join(dir, 'manifest.json'));
  if (built === undefined || built < newestChange(EXTENSION_SOURCES)) {
    run('npx', ['wxt', 'build', '--mode', 'development', ...(browser === 'firefox' ? ['-b', 'firefox'] : [])]);
  }
  return dir;
}

/** Makes the demo softphone unless a build at least as new as its sources is there. */
export function ensureDemoBuild(): string {
  const built = builtAt(join(DEMO_DIST_DIR, 'dialer.html'));
  if (built === undefined || built < newestChange(DEMO_SOURCES)) run('npx', ['vite', 'build', '-c', 'demo/vite.config.ts']);
  return DEMO_DIST_DIR;
}

/** Whether a directory holds an unpacked extension. */
export function hasBuild(dir: string): boolean {
  return existsSync(join(dir, 'manifest.json'));
}
