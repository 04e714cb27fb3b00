/**
 * Runs `web-ext lint` on the Firefox build and fails on any error, and on any warning that is not in the
 * explained list below (each entry is also explained in the README's Firefox section).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

interface LintMessage {
  code: string;
  file?: string;
  message: string;
}

/** Warnings that are understood and accepted, with the reason. */
const EXPLAINED: { code: string; file: RegExp; why: string }[] = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^chunks\/theme-[\w-]+\.js$/,
    why: "Preact's renderer contains the innerHTML path behind dangerouslySetInnerHTML, which OnScript never uses (a unit test checks the sources).",
  },
];

const buildDir = resolve(import.meta.dirname, '..', process.env['ONSCRIPT_OUT_DIR'] ?? '.output', 'firefox-mv2');
const result = spawnSync('npx', ['web-ext', 'lint', '--source-dir', buildDir, '--output', 'json'], { encoding: 'utf8' });
let report: { errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] };
try {
  report = JSON.parse(result.stdout) as typeof report;
} catch {
  console.error(`web-ext lint did not produce a report:\n${result.stdout}\n${result.stderr}`);
  process.exit(1);
}
const unexplained = report.warnings.filter(
  (warning) => !EXPLAINED.some((known) => known.code === warning.code && known.file.test(warning.file ?? '')),
);
for (const error of report.errors) console.error(`error ${error.code} ${error.file ?? ''}: ${error.message}`);
for (const warning of unexplained) console.error(`warning ${warning.code} ${warning.file ?? ''}: ${warning.message}`);
for (const warning of report.warnings.filter((w) => !unexplained.includes(w))) {
  console.log(`accepted warning ${warning.code} ${warning.file ?? ''}`);
}
if (report.errors.length > 0 || unexplained.length > 0) process.exit(1);
console.log(`web-ext lint: 0 errors, ${report.warnings.length} explained warning(s), ${report.notices.length} notice(s).`);
