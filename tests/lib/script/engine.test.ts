import { describe, expect, it } from 'vitest';
import { parsePack, type ScriptPack } from '../../../lib/packs/index.ts';
import {
  applyScriptAction,
  createScriptProgress,
  missingGateChecks,
  outstandingRequiredChecks,
  timeOnStep,
  type ScriptAction,
  type ScriptActionResult,
  type ScriptProgress,
} from '../../../lib/script/engine.ts';
import { minimalPack } from '../packs/fixtures.ts';

const pack: ScriptPack = minimalPack();

function run(progress: ScriptProgress, action: ScriptAction, now: number): ScriptProgress {
  const result = applyScriptAction(pack, progress, action, now);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.refusal)}`);
  return result.progress;
}

function refusal(result: ScriptActionResult): unknown {
  expect(result.ok).toBe(false);
  return result.ok ? undefined : result.refusal;
}

describe('script engine', () => {
  it('starts on the start step with empty state', () => {
    const progress = createScriptProgress(pack, 1000);
    expect(progress).toMatchObject({ currentStepId: 'greeting', history: [], checked: [], disposition: null, startedAt: 1000, packId: 'test.minimal', packVersion: '1.0.0' });
  });

  it('"next" waits for the step\'s required checks and says which', () => {
    const start = createScriptProgress(pack, 0);
    expect(refusal(applyScriptAction(pack, start, { type: 'next' }, 10))).toEqual({ reason: 'required-checks', stepId: 'greeting', missingChecks: ['named-self'] });
    const ticked = run(start, { type: 'toggleCheck', checkId: 'named-self' }, 5);
    expect(run(ticked, { type: 'next' }, 10).currentStepId).toBe('identity');
  });

  it('a gated step cannot be entered until its checks are done, by next, choose or goTo', () => {
    let progress = createScriptProgress(pack, 0);
    progress = run(progress, { type: 'toggleCheck', checkId: 'named-self' }, 1);
    progress = run(progress, { type: 'choose', index: 0 }, 2);
    expect(progress.currentStepId).toBe('identity');
    const locked = { reason: 'gate-locked', stepId: 'arrears', missingChecks: ['identity-ok'] };
    expect(refusal(applyScriptAction(pack, progress, { type: 'next' }, 3))).toEqual(locked);
    expect(refusal(applyScriptAction(pack, createScriptProgress(pack, 0), { type: 'goTo', stepId: 'arrears' }, 3))).toEqual(locked);
    expect(missingGateChecks(pack, progress, 'arrears')).toEqual(['identity-ok']);
    progress = run(progress, { type: 'toggleCheck', checkId: 'identity-ok' }, 4);
    expect(missingGateChecks(pack, progress, 'arrears')).toEqual([]);
    expect(run(progress, { type: 'next' }, 5).currentStepId).toBe('arrears');
  });

  it('a refused action returns the very same progress', () => {
    const progress = createScriptProgress(pack, 0);
    const result = applyScriptAction(pack, progress, { type: 'goTo', stepId: 'arrears' }, 9);
    expect(result.progress).toBe(progress);
  });

  it('branches: a choice goes to its step without needing the current step\'s required checks', () => {
    const progress = run(createScriptProgress(pack, 0), { type: 'choose', index: 1 }, 100);
    expect(progress.currentStepId).toBe('wrong-party');
    expect(progress.choices).toEqual([{ stepId: 'greeting', index: 1, at: 100, next: 'wrong-party' }]);
  });

  it('a disposition choice finishes the script and records the outcome', () => {
    let progress = run(createScriptProgress(pack, 0), { type: 'choose', index: 1 }, 100);
    progress = run(progress, { type: 'choose', index: 0 }, 250);
    expect(progress.disposition).toEqual({ code: 'WRONG', stepId: 'wrong-party', at: 250 });
    expect(progress.choices[1]).toEqual({ stepId: 'wrong-party', index: 0, at: 250, disposition: 'WRONG' });
    expect(refusal(applyScriptAction(pack, progress, { type: 'next' }, 300))).toEqual({ reason: 'finished' });
    expect(refusal(applyScriptAction(pack, progress, { type: 'toggleCheck', checkId: 'identity-ok' }, 300))).toEqual({ reason: 'finished' });
  });

  it('"back" after finishing re-opens the step; "back" otherwise walks the history', () => {
    let progress = createScriptProgress(pack, 0);
    progress = run(progress, { type: 'choose', index: 1 }, 10);
    progress = run(progress, { type: 'choose', index: 0 }, 20);
    progress = run(progress, { type: 'back' }, 30);
    expect(progress.disposition).toBeNull();
    expect(progress.currentStepId).toBe('wrong-party');
    progress = run(progress, { type: 'back' }, 40);
    expect(progress.currentStepId).toBe('greeting');
    expect(progress.history).toEqual([]);
    expect(refusal(applyScriptAction(pack, progress, { type: 'back' }, 50))).toEqual({ reason: 'no-history' });
  });

  it('"back" is held by a gate whose check was unticked since the step was entered', () => {
    let progress = createScriptProgress(pack, 0);
    progress = run(progress, { type: 'toggleCheck', checkId: 'identity-ok' }, 1);
    progress = run(progress, { type: 'goTo', stepId: 'arrears' }, 2);
    progress = run(progress, { type: 'goTo', stepId: 'wrong-party' }, 3);
    progress = run(progress, { type: 'toggleCheck', checkId: 'identity-ok' }, 4);
    const refused = applyScriptAction(pack, progress, { type: 'back' }, 5);
    expect(refusal(refused)).toEqual({ reason: 'gate-locked', stepId: 'arrears', missingChecks: ['identity-ok'] });
    expect(refused.progress).toBe(progress);
    progress = run(progress, { type: 'toggleCheck', checkId: 'identity-ok' }, 6);
    expect(run(progress, { type: 'back' }, 7).currentStepId).toBe('arrears');
  });

  it('"finish" ends with any disposition of the pack, e.g. when the line drops', () => {
    const progress = run(createScriptProgress(pack, 0), { type: 'finish', disposition: 'CEASE' }, 5);
    expect(progress.disposition?.code).toBe('CEASE');
    expect(refusal(applyScriptAction(pack, createScriptProgress(pack, 0), { type: 'finish', disposition: 'NOPE' }, 5))).toEqual({ reason: 'unknown-disposition', code: 'NOPE' });
  });

  it('steps with only choices refuse "next"; unknown choices, checks and steps are refused', () => {
    let progress = run(createScriptProgress(pack, 0), { type: 'choose', index: 1 }, 1);
    expect(refusal(applyScriptAction(pack, progress, { type: 'next' }, 2))).toEqual({ reason: 'choose-an-option', stepId: 'wrong-party' });
    expect(refusal(applyScriptAction(pack, progress, { type: 'choose', index: 5 }, 2))).toEqual({ reason: 'unknown-choice', index: 5 });
    expect(refusal(applyScriptAction(pack, progress, { type: 'choose', index: 0.5 }, 2))).toEqual({ reason: 'unknown-choice', index: 0.5 });
    expect(refusal(applyScriptAction(pack, progress, { type: 'toggleCheck', checkId: 'toString' }, 2))).toEqual({ reason: 'unknown-check', checkId: 'toString' });
    expect(refusal(applyScriptAction(pack, progress, { type: 'goTo', stepId: 'constructor' }, 2))).toEqual({ reason: 'unknown-step', stepId: 'constructor' });
    progress = run(progress, { type: 'goTo', stepId: 'wrong-party' }, 3);
    expect(progress.history).toEqual(['greeting']);
  });

  it('toggling a check twice unticks it', () => {
    let progress = run(createScriptProgress(pack, 0), { type: 'toggleCheck', checkId: 'identity-ok' }, 1);
    expect(progress.checked).toEqual(['identity-ok']);
    progress = run(progress, { type: 'toggleCheck', checkId: 'identity-ok' }, 2);
    expect(progress.checked).toEqual([]);
  });

  it('records the time spent on each step, including revisits, never negative', () => {
    let progress = createScriptProgress(pack, 1_000);
    progress = run(progress, { type: 'toggleCheck', checkId: 'named-self' }, 1_500);
    progress = run(progress, { type: 'next' }, 4_000);
    expect(progress.timeOnStepMs).toEqual({ greeting: 3_000 });
    progress = run(progress, { type: 'back' }, 6_000);
    expect(progress.timeOnStepMs).toEqual({ greeting: 3_000, identity: 2_000 });
    expect(timeOnStep(progress, 'greeting', 7_000)).toBe(4_000);
    // A clock that jumped backwards adds nothing.
    progress = run(progress, { type: 'next' }, 5_000);
    expect(progress.timeOnStepMs.greeting).toBe(3_000);
    expect(timeOnStep(progress, 'identity', 5_000)).toBe(2_000);
  });

  it('progress is plain JSON and survives a round trip (worker restart)', () => {
    let progress = createScriptProgress(pack, 0);
    progress = run(progress, { type: 'toggleCheck', checkId: 'named-self' }, 1);
    progress = run(progress, { type: 'next' }, 2);
    const restored = JSON.parse(JSON.stringify(progress)) as ScriptProgress;
    expect(restored).toEqual(progress);
    expect(run(restored, { type: 'back' }, 3).currentStepId).toBe('greeting');
  });

  it('refuses progress from another pack version', () => {
    const progress = createScriptProgress(pack, 0);
    const newer = { ...minimalPack(), version: '1.1.0' };
    expect(refusal(applyScriptAction(newer, progress, { type: 'next' }, 1))).toEqual({ reason: 'pack-mismatch' });
  });

  it('lists required checks of visited steps left undone, for wrap-up', () => {
    const progress = run(createScriptProgress(pack, 0), { type: 'choose', index: 1 }, 1);
    expect(outstandingRequiredChecks(pack, progress)).toEqual(['named-self']);
  });

  it('works on the output of parsePack', () => {
    const parsed = parsePack(JSON.stringify(minimalPack()));
    if (!parsed.ok) throw new Error('fixture invalid');
    const result = applyScriptAction(parsed.pack, createScriptProgress(parsed.pack, 0), { type: 'choose', index: 1 }, 1);
    expect(result.ok && result.progress.currentStepId).toBe('wrong-party');
  });
});
