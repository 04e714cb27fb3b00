/**
 * The last step of `npm run zip`: opens the Chrome and Firefox packages and the Firefox sources archive in
 * .output/ and fails, naming each problem, unless they hold the manifest, its icons, LICENSE and
 * THIRD_PARTY_NOTICES.txt listing every production dependency (scripts/lib/package-check.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkExtensionPackage, checkSourcesArchive, openZip } from './lib/package-check';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, process.env['ONSCRIPT_OUT_DIR'] ?? '.output');
const packageJson = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string> };
const base = `${packageJson.name}-${packageJson.version}`;
const dependencies = Object.keys(packageJson.dependencies);

let failed = false;
for (const browser of ['chrome', 'firefox']) {
  const file = resolve(outDir, `${base}-${browser}.zip`);
  const zip = await openZip(readFileSync(file));
  const problems = await checkExtensionPackage(zip, dependencies);
  for (const problem of problems) console.error(`${file}: ${problem}`);
  failed ||= problems.length > 0;
  if (problems.length === 0) console.log(`${file}: ${zip.files.length} files, manifest, icons, LICENSE and notices present.`);
}
const sources = resolve(outDir, `${base}-sources.zip`);
const sourceProblems = checkSourcesArchive(await openZip(readFileSync(sources)));
for (const problem of sourceProblems) console.error(`${sources}: ${problem}`);
failed ||= sourceProblems.length > 0;
if (sourceProblems.length === 0) console.log(`${sources}: what a reviewer needs to rebuild the Firefox package.`);
if (failed) process.exit(1);
