import { describe, expect, it } from 'vitest';
import { parsePack, type ScriptPack } from '../../../lib/packs/index.ts';
import { applyScriptAction, createScriptProgress, type ScriptAction, type ScriptProgress } from '../../../lib/script/engine.ts';
import { walkScriptGates } from '../../../lib/script/gate-walk.ts';
import { both } from '../packs/fixtures.ts';

/** greeting (open) → identity (open, holds identity-ok) → arrears (gated) → plan (gated); wrong person (open). */
function gatedPack(): ScriptPack {
  return {
    format: 'onscript-pack/2',
    id: 'test.gates',
    version: '1.0.0',
    title: both('Gates'),
    languages: ['zh-CN', 'en'],
    defaultLanguage: 'en',
    compliance: { profileId: 'US-FDCPA', debtGate: ['identity-ok'] },
    variables: [{ key: 'debt.amount', label: both('Amount'), type: 'money', required: true }],
    start: 'greeting',
    steps: [
      { id: 'greeting', open: true, title: both('Greeting'), next: 'identity', choices: [{ label: both('Someone else'), next: 'wrong-person' }] },
      {
        id: 'identity',
        open: true,
        title: both('Identity'),
        checks: [{ id: 'identity-ok', label: both('Verified'), required: true }],
        next: 'arrears',
        choices: [{ label: both('Someone else'), next: 'wrong-person' }],
      },
      { id: 'arrears', title: both('Arrears'), gate: { requires: ['identity-ok'] }, say: [{ text: both('You owe {{debt.amount}}.') }], next: 'plan' },
      { id: 'plan', title: both('Plan'), gate: { requires: ['identity-ok'] }, choices: [{ label: both('Agreed'), disposition: 'PTP' }], next: 'arrears' },
      {
        id: 'wrong-person',
        open: true,
        title: both('Wrong person'),
        choices: [
          { label: both('The customer came to the phone'), next: 'identity' },
          { label: both('End'), disposition: 'WRONG' },
        ],
      },
    ],
    objections: [{ id: 'not-me', question: both('Not me'), answer: both('Apologise.'), tags: ['wrong'], goTo: 'wrong-person' }],
    dispositions: [
      { code: 'PTP', label: both('Promise'), flags: ['promiseToPay'] },
      { code: 'WRONG', label: both('Wrong'), flags: ['wrongParty'] },
    ],
  };
}

function run(pack: ScriptPack, actions: ScriptAction[]): ScriptProgress {
  let progress = createScriptProgress(pack, 0);
  for (const action of actions) {
    const result = applyScriptAction(pack, progress, action, 1);
    if (!result.ok) throw new Error(`${JSON.stringify(action)} refused: ${JSON.stringify(result.refusal)}`);
    progress = result.progress;
  }
  return progress;
}

describe('walkScriptGates', () => {
  it('finds no breach in a pack whose every debt step is gated, and reaches every step', () => {
    const pack = gatedPack();
    expect(parsePack(pack).ok).toBe(true);
    const walk = walkScriptGates(pack);
    expect(walk.breaches).toEqual([]);
    expect([...walk.reachedSteps].sort()).toEqual(['arrears', 'greeting', 'identity', 'plan', 'wrong-person']);
    expect([...walk.reachedBeforeGate].sort()).toEqual(['greeting', 'identity', 'wrong-person']);
    // Each step with the check ticked and unticked, finished or not, where reachable.
    expect(walk.states).toBeGreaterThanOrEqual(10);
  });

  it('reports a debt step an objection jumps to without the gate, with the way there', () => {
    const pack = gatedPack();
    pack.objections.push({ id: 'proof', question: both('Proof?'), answer: both('Explain.'), tags: ['proof'], goTo: 'plan' });
    delete pack.steps[3]!.gate;
    const walk = walkScriptGates(pack);
    expect(walk.breaches[0]).toEqual({ stepId: 'plan', missingChecks: ['identity-ok'], actions: ['goTo plan'] });
    // And everything reachable from there: "next" from the plan leads into the (gated) arrears, which stays shut.
    expect(walk.breaches.map((breach) => breach.stepId)).toEqual(['plan']);
  });

  it('follows Back: unticking identity after a detour must not reopen the debt on the way back', () => {
    const pack = gatedPack();
    // The agent's way into the hole: debt shown, someone else claims the phone, the customer returns,
    // identity is unticked, and Back walks down the history into the arrears.
    const detour = run(pack, [
      { type: 'next' },
      { type: 'toggleCheck', checkId: 'identity-ok' },
      { type: 'next' },
      { type: 'goTo', stepId: 'wrong-person' },
      { type: 'choose', index: 0 },
      { type: 'toggleCheck', checkId: 'identity-ok' },
      { type: 'back' },
    ]);
    expect(detour.currentStepId).toBe('wrong-person');
    const back = applyScriptAction(pack, detour, { type: 'back' }, 2);
    expect(!back.ok && back.refusal).toEqual({ reason: 'gate-locked', stepId: 'arrears', missingChecks: ['identity-ok'] });
    expect(walkScriptGates(pack).breaches).toEqual([]);
  });

  it('treats every step not marked open as speaking of the debt', () => {
    const pack = gatedPack();
    delete pack.steps[4]!.open;
    const walk = walkScriptGates(pack);
    expect(walk.breaches.map((breach) => [breach.stepId, breach.actions[0]])).toContainEqual(['wrong-person', 'choose 1 (wrong-person)']);
  });
});
