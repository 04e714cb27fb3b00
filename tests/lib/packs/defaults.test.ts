import { describe, expect, it } from 'vitest';
import { DEFAULT_PACKS, cnCardLoanPack, usCollectionsPack } from '../../../lib/packs/defaults/index.ts';
import { findReachableStepIds, parsePack, type ScriptPack } from '../../../lib/packs/index.ts';
import { applyScriptAction, createScriptProgress, type ScriptAction, type ScriptProgress } from '../../../lib/script/engine.ts';

function choiceIndex(pack: ScriptPack, stepId: string, predicate: (next?: string, disposition?: string) => boolean): number {
  const step = pack.steps.find((s) => s.id === stepId);
  const index = step?.choices?.findIndex((choice) => predicate(choice.next, choice.disposition)) ?? -1;
  if (index < 0) throw new Error(`no such choice on ${stepId}`);
  return index;
}

function walk(pack: ScriptPack, actions: ScriptAction[]): ScriptProgress {
  let progress = createScriptProgress(pack, 0);
  actions.forEach((action, i) => {
    const result = applyScriptAction(pack, progress, action, (i + 1) * 1000);
    if (!result.ok) throw new Error(`${JSON.stringify(action)} refused: ${JSON.stringify(result.refusal)}`);
    progress = result.progress;
  });
  return progress;
}

describe.each(DEFAULT_PACKS.map((pack) => [pack.id, pack] as const))('default pack %s', (_id, pack) => {
  it('passes parsePack without errors or warnings, unchanged', () => {
    const result = parsePack(JSON.stringify(pack));
    if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
    expect(result.warnings).toEqual([]);
    expect(result.pack).toEqual(pack);
  });

  it('reaches every step from the start', () => {
    expect([...findReachableStepIds(pack)].sort()).toEqual(pack.steps.map((step) => step.id).sort());
  });

  it('has the eight steps in order and every branch', () => {
    expect(pack.steps.slice(0, 8).map((step) => step.id)).toEqual(['greeting', 'identity', 'arrears', 'options', 'concerns', 'commitment', 'closing', 'followup']);
    for (const id of ['third-party', 'dispute', 'cease', 'hardship', 'callback']) expect(pack.steps.some((step) => step.id === id)).toBe(true);
    expect(pack.languages).toEqual(['zh-CN', 'en']);
  });

  it('locks the arrears step behind identity verification', () => {
    const arrears = pack.steps.find((step) => step.id === 'arrears');
    expect(arrears?.gate?.requires).toContain('identity-verified');
    const identityOwner = pack.steps.find((step) => step.checks?.some((check) => check.id === 'identity-verified'));
    expect(identityOwner?.id).toBe('identity');
    const early = applyScriptAction(pack, createScriptProgress(pack, 0), { type: 'goTo', stepId: 'arrears' }, 1);
    expect(!early.ok && early.refusal).toMatchObject({ reason: 'gate-locked', stepId: 'arrears' });
  });

  it('never mentions the debt before identity, nor on the third-party step', () => {
    for (const stepId of ['greeting', 'identity', 'third-party', 'callback']) {
      const step = pack.steps.find((s) => s.id === stepId);
      const lines = (step?.say ?? []).flatMap((line) => Object.values(line.text));
      const leaked = lines.filter((line) => /\{\{\s*(debt|plan)\./.test(line ?? ''));
      expect(leaked).toEqual([]);
    }
    const thirdParty = pack.steps.find((s) => s.id === 'third-party');
    expect(thirdParty?.say?.map((line) => line.text.en).join(' ')).not.toMatch(/debt|owe|balance|company\.name/i);
    expect(thirdParty?.say?.map((line) => line.text['zh-CN']).join(' ')).not.toMatch(/欠|逾期|还款|company\.name/);
  });

  it('ends the stop-calls branch with a cease disposition', () => {
    const cease = pack.steps.find((step) => step.id === 'cease');
    const codes = cease?.choices?.map((choice) => choice.disposition) ?? [];
    const flags = pack.dispositions.filter((d) => codes.includes(d.code)).flatMap((d) => d.flags);
    expect(flags).toContain('cease');
    for (const flag of ['wrongParty', 'dispute', 'promiseToPay', 'callback', 'hardship'] as const) {
      expect(pack.dispositions.some((d) => d.flags.includes(flag))).toBe(true);
    }
  });

  it('offers voicemail, no answer and busy outcomes flagged for the contact caps (not by code spelling)', () => {
    const flagsOf = (code: string) => pack.dispositions.find((d) => d.code === code)?.flags;
    expect(flagsOf('VOICEMAIL')).toEqual(['voicemail']);
    expect(flagsOf('NO_ANSWER')).toEqual(['noAnswer']);
    expect(flagsOf('LINE_BUSY')).toEqual(['noConnect']);
    expect(flagsOf('WRONG_NUMBER')).toEqual(['wrongParty']);
  });

  it('walks the wrong-person branch without ever unlocking the debt', () => {
    const progress = walk(pack, [
      { type: 'choose', index: choiceIndex(pack, 'greeting', (next) => next === 'third-party') },
      { type: 'toggleCheck', checkId: 'no-disclosure' },
      { type: 'choose', index: choiceIndex(pack, 'third-party', (_n, d) => d === 'THIRD_PARTY') },
    ]);
    expect(progress.visited).toEqual(['greeting', 'third-party']);
    expect(progress.disposition?.code).toBe('THIRD_PARTY');
  });
});

describe('default pack walks', () => {
  it('zh-CN: the whole happy path to a promise to pay', () => {
    const pack = cnCardLoanPack;
    const progress = walk(pack, [
      { type: 'toggleCheck', checkId: 'self-identified' },
      { type: 'next' },
      { type: 'toggleCheck', checkId: 'identity-verified' },
      { type: 'next' },
      { type: 'toggleCheck', checkId: 'arrears-explained' },
      { type: 'next' },
      { type: 'toggleCheck', checkId: 'no-unapproved-relief' },
      { type: 'next' },
      { type: 'toggleCheck', checkId: 'commitment-recorded' },
      { type: 'toggleCheck', checkId: 'official-channel' },
      { type: 'next' },
      { type: 'toggleCheck', checkId: 'recap-given' },
      { type: 'next' },
      { type: 'choose', index: choiceIndex(pack, 'followup', (_n, d) => d === 'PTP') },
    ]);
    expect(progress.visited).toEqual(['greeting', 'identity', 'arrears', 'options', 'commitment', 'closing', 'followup']);
    expect(progress.disposition?.code).toBe('PTP');
  });

  it('en: the disclosure is a required check that gates the debt', () => {
    const pack = usCollectionsPack;
    const disclosure = pack.steps.flatMap((step) => step.checks ?? []).find((check) => check.id === 'mini-miranda');
    expect(disclosure?.required).toBe(true);
    expect(disclosure?.label.en).toMatch(/attempt to collect a debt and any information obtained will be used for that purpose/);
    const identity = pack.steps.find((step) => step.id === 'identity');
    expect(identity?.say?.some((line) => /This is an attempt to collect a debt and any information obtained will be used for that purpose\./.test(line.text.en ?? ''))).toBe(true);
    let progress = walk(pack, [
      { type: 'toggleCheck', checkId: 'self-identified' },
      { type: 'toggleCheck', checkId: 'recording-notice' },
      { type: 'next' },
      { type: 'toggleCheck', checkId: 'identity-verified' },
    ]);
    const refused = applyScriptAction(pack, progress, { type: 'next' }, 10_000);
    expect(!refused.ok && refused.refusal).toEqual({ reason: 'required-checks', stepId: 'identity', missingChecks: ['mini-miranda'] });
    const jumped = applyScriptAction(pack, progress, { type: 'goTo', stepId: 'arrears' }, 10_000);
    expect(!jumped.ok && jumped.refusal).toEqual({ reason: 'gate-locked', stepId: 'arrears', missingChecks: ['mini-miranda'] });
    const ticked = applyScriptAction(pack, progress, { type: 'toggleCheck', checkId: 'mini-miranda' }, 11_000);
    progress = ticked.progress;
    const entered = applyScriptAction(pack, progress, { type: 'next' }, 12_000);
    expect(entered.ok && entered.progress.currentStepId).toBe('arrears');
  });

  it('en: the company is not named before the right party is confirmed', () => {
    const greeting = usCollectionsPack.steps.find((step) => step.id === 'greeting');
    expect(greeting?.say?.map((line) => line.text.en).join(' ')).not.toContain('{{company.name}}');
  });
});
