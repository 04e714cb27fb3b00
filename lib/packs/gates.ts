/**
 * The debt gate: which steps may speak of the debt, and the warnings `parsePack` gives when a step could be
 * reached before the identity check (and, where the law asks for it, the debt-collector disclosure) is ticked.
 * Third-party disclosure is the rule behind it: the CBA 2026 collection guideline and FDCPA 1692c(b) /
 * Reg F 1006.6(d) forbid telling anyone but the debtor about the debt.
 */
import type { PackIssue, ScriptPack, ScriptStep } from './types.ts';

/** A placeholder naming the debt or a plan to pay it, e.g. `{{debt.amount}}` or `{{ plan.date }}`. */
const DEBT_PLACEHOLDER = /\{\{\s*((?:debt|plan)\.[^{}\s]*)\s*\}\}/g;

/** The `debt.*` and `plan.*` variables a step's say lines use, each once, in order of first use. */
export function debtVariablesOf(step: Pick<ScriptStep, 'say'>): string[] {
  const keys = new Set<string>();
  for (const line of step.say ?? []) {
    for (const text of Object.values(line.text)) {
      for (const match of (text ?? '').matchAll(DEBT_PLACEHOLDER)) keys.add(match[1] ?? '');
    }
  }
  return [...keys];
}

/**
 * The debt-gate checks a step must require before it is entered: the pack's `debtGate`, less the checks the
 * step holds itself (the disclosure step holds the disclosure check and can only require identity).
 */
export function requiredDebtGate(pack: Pick<ScriptPack, 'compliance'>, step: Pick<ScriptStep, 'checks'>): string[] {
  const own = new Set((step.checks ?? []).map((check) => check.id));
  return (pack.compliance.debtGate ?? []).filter((id) => !own.has(id));
}

/**
 * Whether a step's gate holds the debt gate: every required debt-gate check, or, in a pack that declares no
 * `debtGate` (format v1), any gate at all.
 */
export function hasDebtGate(pack: Pick<ScriptPack, 'compliance'>, step: Pick<ScriptStep, 'checks' | 'gate'>): boolean {
  const requires = step.gate?.requires ?? [];
  if (pack.compliance.debtGate === undefined) return requires.length > 0;
  return requiredDebtGate(pack, step).every((id) => requires.includes(id));
}

/**
 * Steps that speak of the debt without the gate, as warnings (`parsePack` adds them; they never stop a pack from
 * loading). A step is suspect when it is not `open` and lacks the gate while it uses `debt.*` / `plan.*`
 * variables, is the target of an objection jump, or (format v2, which can mark steps open) can be reached from
 * the start or a jump through ungated steps. An `open` step that uses `debt.*` / `plan.*` variables is warned
 * about too: whoever answered may hear it.
 */
export function checkDebtGates(pack: ScriptPack): PackIssue[] {
  const issues: PackIssue[] = [];
  const v2 = pack.format !== 'onscript-pack/1';
  const gateNames = pack.compliance.debtGate?.join(', ');
  if (v2 && pack.compliance.debtGate === undefined) {
    issues.push({
      path: '/compliance',
      message: 'warning: name the checks that must be ticked before the debt is discussed in "debtGate" (the identity check, and the disclosure where the law asks for one)',
    });
  }
  const jumps = new Map<string, string[]>();
  for (const objection of pack.objections) {
    if (objection.goTo) jumps.set(objection.goTo, [...(jumps.get(objection.goTo) ?? []), objection.id]);
  }
  const earlyPaths = v2 ? pathsBeforeGate(pack) : new Map<string, string[]>();
  pack.steps.forEach((step, index) => {
    const path = `/steps/${index}`;
    const variables = debtVariablesOf(step);
    if (step.open) {
      if (variables.length > 0) {
        issues.push({
          path,
          message: `warning: step "${step.id}" is open (heard before identity is verified) but uses ${variables.map((key) => `{{${key}}}`).join(', ')}: move those words to a gated step`,
        });
      }
      return;
    }
    if (hasDebtGate(pack, step)) return;
    const reasons: string[] = [];
    if (variables.length > 0) reasons.push(`it uses ${variables.map((key) => `{{${key}}}`).join(', ')}`);
    for (const objection of jumps.get(step.id) ?? []) reasons.push(`objection "${objection}" jumps to it`);
    const early = earlyPaths.get(step.id);
    if (early && !jumps.has(step.id)) reasons.push(`it can be reached before the gate (${early.join(' → ')})`);
    if (reasons.length === 0) return;
    const gate = gateNames ? `the debt gate (${requiredDebtGate(pack, step).join(', ') || gateNames})` : 'a gate on the identity check';
    const fix = v2 ? 'Gate it, or mark it "open" if it says nothing about the debt' : 'Gate it on the identity check';
    issues.push({ path, message: `warning: step "${step.id}" may speak of the debt without ${gate}: ${reasons.join('; ')}. ${fix}.` });
  });
  return issues;
}

/**
 * Steps reachable from the start or an objection jump through steps that lack the debt gate, each with the
 * way there. Gated steps end a path: past them the gate has been ticked.
 */
function pathsBeforeGate(pack: ScriptPack): Map<string, string[]> {
  const byId = new Map(pack.steps.map((step) => [step.id, step]));
  const paths = new Map<string, string[]>();
  const queue: string[] = [];
  const reach = (id: string, path: string[]) => {
    const step = byId.get(id);
    if (!step || paths.has(id) || hasDebtGate(pack, step)) return;
    paths.set(id, path);
    queue.push(id);
  };
  reach(pack.start, [pack.start]);
  for (const objection of pack.objections) if (objection.goTo) reach(objection.goTo, [`objection ${objection.id}`, objection.goTo]);
  while (queue.length > 0) {
    const id = queue.shift() as string;
    const step = byId.get(id) as ScriptStep;
    const path = paths.get(id) as string[];
    for (const next of [step.next, ...(step.choices ?? []).map((choice) => choice.next)]) if (next) reach(next, [...path, next]);
  }
  return paths;
}
