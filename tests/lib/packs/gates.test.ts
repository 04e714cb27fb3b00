import { describe, expect, it } from 'vitest';
import { cnCardLoanPack } from '../../../lib/packs/defaults/index.ts';
import { debtVariablesOf, hasDebtGate, parsePack, requiredDebtGate, type PackIssue, type ScriptPack } from '../../../lib/packs/index.ts';
import { both, minimalPack } from './fixtures.ts';

const gateWarnings = (input: unknown): PackIssue[] => {
  const result = parsePack(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.warnings.filter((warning) => /debt gate|gate on the identity check|debtGate|is open/.test(warning.message));
};

/** The fixture as a v2 pack: greeting and the wrong-party step open, identity-ok the debt gate. */
function v2Pack(): ScriptPack {
  const pack = minimalPack();
  pack.format = 'onscript-pack/2';
  pack.compliance.debtGate = ['identity-ok'];
  pack.steps[0]!.open = true;
  pack.steps[1]!.open = true;
  pack.steps[3]!.open = true;
  return pack;
}

describe('debt gate warnings: format v1 (no way to mark a step open)', () => {
  it('warns about a step using debt.* or plan.* variables, or an objection jump target, without a gate', () => {
    const pack = minimalPack();
    expect(gateWarnings(pack)).toEqual([]);
    pack.steps[3]!.say = [{ text: both('You owe {{debt.amount}}.') }];
    pack.objections[0]!.goTo = 'identity';
    expect(gateWarnings(pack)).toEqual([
      {
        path: '/steps/1',
        message: 'warning: step "identity" may speak of the debt without a gate on the identity check: objection "who" jumps to it. Gate it on the identity check.',
      },
      {
        path: '/steps/3',
        message: 'warning: step "wrong-party" may speak of the debt without a gate on the identity check: it uses {{debt.amount}}. Gate it on the identity check.',
      },
    ]);
  });

  it('flags the day-before packs: their objection jumps and plan recaps had no gate', () => {
    const legacy = JSON.parse(JSON.stringify(cnCardLoanPack)) as Record<string, unknown> & ScriptPack;
    legacy.format = 'onscript-pack/1';
    delete legacy.compliance.debtGate;
    delete legacy.forbiddenPhrases;
    for (const step of legacy.steps) {
      delete step.open;
      if (step.id !== 'arrears') delete step.gate;
    }
    const flagged = gateWarnings(legacy).map((warning) => warning.message.match(/step "([^"]+)"/)?.[1]);
    expect(flagged).toEqual(expect.arrayContaining(['options', 'concerns', 'commitment', 'closing', 'dispute', 'hardship']));
  });

  it('refuses the v2 fields in a v1 pack, naming the format they need', () => {
    const pack = minimalPack() as unknown as Record<string, unknown> & ScriptPack;
    pack.steps[0]!.open = true;
    pack.compliance.debtGate = ['identity-ok'];
    pack.forbiddenPhrases = [];
    const result = parsePack(pack);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((error) => error.path)).toEqual(['/forbiddenPhrases', '/compliance/debtGate', '/steps/0/open']);
    expect(!result.ok && result.errors[0]!.message).toMatch(/needs "format": "onscript-pack\/2"/);
  });
});

describe('debt gate warnings: format v2', () => {
  it('accepts a pack whose every non-open step holds the gate, and keeps open, debtGate and the format', () => {
    const pack = v2Pack();
    const result = parsePack(pack);
    expect(result.ok && result.warnings).toEqual([]);
    expect(result.ok && result.pack).toEqual(pack);
  });

  it('asks for a debtGate when a v2 pack names none', () => {
    const pack = v2Pack();
    delete pack.compliance.debtGate;
    expect(gateWarnings(pack)).toContainEqual({ path: '/compliance', message: expect.stringMatching(/name the checks .* in "debtGate"/) });
  });

  it('refuses a debtGate naming no check', () => {
    const pack = v2Pack();
    pack.compliance.debtGate = ['identity-ok', 'nope'];
    const result = parsePack(pack);
    expect(!result.ok && result.errors).toEqual([{ path: '/compliance/debtGate/1', message: 'no check has the id "nope"' }]);
  });

  it('warns about an open step that uses a debt variable', () => {
    const pack = v2Pack();
    pack.steps[3]!.say = [{ text: both('Tell them about {{debt.amount}}.') }];
    expect(gateWarnings(pack)).toEqual([
      { path: '/steps/3', message: expect.stringMatching(/^warning: step "wrong-party" is open .* uses \{\{debt\.amount\}\}/) },
    ]);
  });

  it('warns about a step reached before the gate through open steps, with the way there', () => {
    const pack = v2Pack();
    // A step with no debt variable and no jump into it, added after the wrong-party branch.
    pack.steps.push({ id: 'fees', title: both('Fees'), body: both('Explain the fees.'), next: 'arrears' });
    pack.steps[3]!.choices!.push({ label: both('Asks about fees'), next: 'fees' });
    expect(gateWarnings(pack)).toEqual([
      {
        path: '/steps/4',
        message:
          'warning: step "fees" may speak of the debt without the debt gate (identity-ok): it can be reached before the gate (greeting → wrong-party → fees). Gate it, or mark it "open" if it says nothing about the debt.',
      },
    ]);
  });

  it('asks a step to require every debt-gate check except the ones it holds itself', () => {
    const pack = v2Pack();
    pack.steps[1]!.checks!.push({ id: 'disclosed', label: both('Disclosure read'), required: true });
    pack.compliance.debtGate = ['identity-ok', 'disclosed'];
    // The arrears needs both; the identity step holds both and is open anyway.
    expect(gateWarnings(pack).map((warning) => warning.path)).toEqual(['/steps/2']);
    pack.steps[2]!.gate = { requires: ['identity-ok', 'disclosed'] };
    expect(gateWarnings(pack)).toEqual([]);
    expect(requiredDebtGate(pack, pack.steps[1]!)).toEqual([]);
    expect(hasDebtGate(pack, { checks: [{ id: 'disclosed', label: both('x'), required: true }], gate: { requires: ['identity-ok'] } })).toBe(true);
  });

  it('lists the debt and plan variables of a step once each', () => {
    expect(debtVariablesOf({ say: [{ text: both('{{ debt.amount }} by {{plan.date}}, {{debt.amount}} {{agent.name}}') }] })).toEqual(['debt.amount', 'plan.date']);
  });
});
