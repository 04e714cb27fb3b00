/**
 * Walks every state a call script can reach through the actions an agent has in the panel (Next, Back, each
 * choice, ticking and unticking the step's checks, every objection jump, finishing with an outcome and
 * re-opening), applying each with the real engine, and reports every state in which a step that speaks of the
 * debt is shown while the debt gate is not open. It is the proof behind "no debt before identity" for the
 * default packs, the new-pack template and any pack a lead writes.
 *
 * Back makes the history a stack, and loops (options ↔ concerns) make it grow without bound, so states are not
 * enumerated with their whole history. The walk goes by "frames" instead, as for a recursive state machine: a
 * frame is a step entered with a given set of ticked gate checks, and inside a frame the current step never
 * changes (moving on enters a new frame; Back leaves the frame and returns to the step below it, with the
 * checks as they are then). Each frame's reachable states and the check sets it can return with are computed to
 * a fixed point, which covers every (step, ticked gate checks, finished) combination reachable with any history,
 * exactly. Checks no gate names only matter for Next on their own step, so the walk treats them as ticked (the
 * agent can always tick them).
 */
import { requiredDebtGate } from '../packs/gates.ts';
import type { ScriptPack, ScriptStep } from '../packs/types.ts';
import { applyScriptAction, PROGRESS_FORMAT, type ScriptAction, type ScriptProgress } from './engine.ts';

/** A state the walk found where a step speaking of the debt is shown without the gate. */
export interface GateBreach {
  stepId: string;
  /** Debt-gate checks not ticked in that state. */
  missingChecks: string[];
  /** The agent's actions from the start to that state, e.g. `["goTo options"]`. */
  actions: string[];
}

/** What {@link walkScriptGates} found. */
export interface GateWalkResult {
  /** Distinct (step, ticked gate checks, finished) states reached. */
  states: number;
  /** Steps shown in at least one reachable state. */
  reachedSteps: Set<string>;
  /** Steps shown in at least one reachable state where some debt-gate check was not ticked. */
  reachedBeforeGate: Set<string>;
  /** Every breach, one per (step, ticked checks) state, each with a shortest-found way there. */
  breaches: GateBreach[];
}

/** Options for {@link walkScriptGates}. */
export interface GateWalkOptions {
  /**
   * The checks that open the debt; the pack's `compliance.debtGate` by default (a pack that names none has no
   * gate to check, so nothing is reported). A step may leave out the checks it holds itself.
   */
  debtGate?: readonly string[];
  /** Steps allowed before the gate; the steps marked `open` by default. */
  isOpen?: (step: ScriptStep) => boolean;
}

interface Frame {
  step: ScriptStep;
  /** The actions from the start to this frame's entry (through the first way found into it). */
  entryActions: string[];
  /** Local states: key `checked|finished` → the actions from the frame's entry that first reached it. */
  locals: Map<string, string[]>;
  /** Check sets the frame can return with (Back from its step), each with the actions from its entry. */
  returns: Map<string, string[]>;
  /** The ways into this frame (with its entry checks), to resume when it returns: which frame, from where, how. */
  callers: Caller[];
}

interface Caller {
  frame: Frame;
  /** The caller's actions from its own entry up to the move into this frame, and that move. */
  actions: string[];
}

/**
 * Walks every reachable state of a pack and lists the breaches of the debt gate.
 * @param pack - A pack as `parsePack` returns it.
 */
export function walkScriptGates(pack: ScriptPack, options: GateWalkOptions = {}): GateWalkResult {
  const gate = options.debtGate ?? pack.compliance.debtGate ?? [];
  const gatedPack: ScriptPack = { ...pack, compliance: { ...pack.compliance, debtGate: [...gate] } };
  const isOpen = options.isOpen ?? ((step: ScriptStep) => step.open === true);
  const byId = new Map(pack.steps.map((step) => [step.id, step]));
  // Checks that any gate names: the only ones whose state changes where the agent can go.
  const gateChecks = new Set([...gate, ...pack.steps.flatMap((step) => step.gate?.requires ?? [])]);
  const otherChecks = pack.steps.flatMap((step) => (step.checks ?? []).map((check) => check.id)).filter((id) => !gateChecks.has(id));
  const jumpTargets = [...new Set(pack.objections.flatMap((objection) => (objection.goTo ? [objection.goTo] : [])))];
  const anyDisposition = pack.dispositions[0]?.code ?? '';

  const frames = new Map<string, Frame>();
  const work: { frame: Frame; local: string }[] = [];
  const result: GateWalkResult = { states: 0, reachedSteps: new Set(), reachedBeforeGate: new Set(), breaches: [] };
  const seen = new Set<string>();

  const progressAt = (stepId: string, checked: string[], finished: boolean, history: string[] = []): ScriptProgress => ({
    format: PROGRESS_FORMAT,
    packId: pack.id,
    packVersion: pack.version,
    startedAt: 0,
    currentStepId: stepId,
    enteredAt: 0,
    history,
    visited: [stepId],
    checked: [...checked, ...otherChecks],
    choices: [],
    timeOnStepMs: {},
    disposition: finished ? { code: anyDisposition, stepId, at: 0 } : null,
  });
  const apply = (progress: ScriptProgress, action: ScriptAction) => applyScriptAction(pack, progress, action, 0);
  const gateOf = (progress: ScriptProgress) => progress.checked.filter((id) => gateChecks.has(id)).sort();

  const addLocal = (frame: Frame, checked: string[], finished: boolean, actions: string[]) => {
    const key = `${checked.join(',')}|${finished ? 1 : 0}`;
    if (frame.locals.has(key)) return;
    frame.locals.set(key, actions);
    work.push({ frame, local: key });
  };
  const addReturn = (frame: Frame, checked: string[], actions: string[]) => {
    const key = checked.join(',');
    if (frame.returns.has(key)) return;
    frame.returns.set(key, actions);
    for (const caller of frame.callers) resume(caller, frame, checked, actions);
  };
  const enterFrame = (caller: Caller | undefined, step: ScriptStep, checked: string[]) => {
    const key = `${step.id}|${checked.join(',')}`;
    let frame = frames.get(key);
    if (!frame) {
      const entryActions = caller ? [...caller.frame.entryActions, ...caller.actions] : [];
      frame = { step, entryActions, locals: new Map(), returns: new Map(), callers: [] };
      frames.set(key, frame);
      addLocal(frame, checked, false, []);
    }
    // A caller frame can only enter with this frame's entry checks, from its one local state holding them, so one
    // way in per caller frame resumes it exactly as any other would.
    if (!caller || frame.callers.some((known) => known.frame === caller.frame)) return;
    frame.callers.push(caller);
    for (const [returned, returnActions] of frame.returns) resume(caller, frame, returned === '' ? [] : returned.split(','), returnActions);
  };
  /** Back from `callee` to the caller's step, through the engine (which may refuse it: a gate can lock the way back). */
  const resume = (caller: Caller, callee: Frame, checked: string[], actions: string[]) => {
    const back = apply(progressAt(callee.step.id, checked, false, [caller.frame.step.id]), { type: 'back' });
    if (!back.ok || back.progress.currentStepId !== caller.frame.step.id) return;
    addLocal(caller.frame, gateOf(back.progress), false, [...caller.actions, ...actions, 'back']);
  };

  const start = byId.get(pack.start);
  if (start) enterFrame(undefined, start, []);
  while (work.length > 0) {
    const { frame, local } = work.shift() as { frame: Frame; local: string };
    const [checkedKey = '', finishedFlag] = local.split('|');
    const checked = checkedKey === '' ? [] : checkedKey.split(',');
    const finished = finishedFlag === '1';
    const actions = frame.locals.get(local) as string[];
    const step = frame.step;
    const progress = progressAt(step.id, checked, finished);
    inspect(step, checked, finished, [...frame.entryActions, ...actions]);

    if (finished) {
      const reopened = apply(progress, { type: 'back' });
      if (reopened.ok) addLocal(frame, gateOf(reopened.progress), false, [...actions, 'back (re-open)']);
      continue;
    }
    addReturn(frame, checked, actions);
    for (const check of step.checks ?? []) {
      if (!gateChecks.has(check.id)) continue;
      const toggled = apply(progress, { type: 'toggleCheck', checkId: check.id });
      if (toggled.ok) addLocal(frame, gateOf(toggled.progress), false, [...actions, `${checked.includes(check.id) ? 'untick' : 'tick'} ${check.id}`]);
    }
    const moves: [ScriptAction, string][] = [
      [{ type: 'next' }, 'next'],
      ...(step.choices ?? []).map((choice, index): [ScriptAction, string] => [
        { type: 'choose', index },
        `choose ${index + 1} (${choice.next ?? choice.disposition ?? ''})`,
      ]),
      ...jumpTargets.map((target): [ScriptAction, string] => [{ type: 'goTo', stepId: target }, `goTo ${target}`]),
      [{ type: 'finish', disposition: anyDisposition }, 'finish'],
    ];
    for (const [action, label] of moves) {
      const moved = apply(progress, action);
      if (!moved.ok) continue;
      const next = moved.progress;
      const taken = [...actions, label];
      if (next.disposition) addLocal(frame, gateOf(next), true, taken);
      else if (next.currentStepId !== step.id || next.history.length > 0) {
        const target = byId.get(next.currentStepId);
        if (target) enterFrame({ frame, actions: taken }, target, gateOf(next));
      }
    }
  }
  return result;

  function inspect(step: ScriptStep, checked: string[], finished: boolean, actions: string[]): void {
    const key = `${step.id}|${checked.join(',')}|${finished ? 1 : 0}`;
    if (seen.has(key)) return;
    seen.add(key);
    result.states = seen.size;
    result.reachedSteps.add(step.id);
    if (!gate.every((id) => checked.includes(id))) result.reachedBeforeGate.add(step.id);
    const missing = requiredDebtGate(gatedPack, step).filter((id) => !checked.includes(id));
    if (missing.length === 0 || isOpen(step)) return;
    if (result.breaches.some((breach) => breach.stepId === step.id && breach.missingChecks.join() === missing.join())) return;
    result.breaches.push({ stepId: step.id, missingChecks: missing, actions });
  }
}
