/**
 * The script engine: a pure reducer that walks a validated pack during one call. Progress is plain JSON (the
 * background stores it with the call record and a restarted worker carries on from it); every time is an epoch-ms
 * parameter. Refused actions return the progress unchanged with a reason the panel can show.
 */
import type { CheckItem, ScriptPack, ScriptStep } from '../packs/types.ts';

/** Format marker of stored progress. */
export const PROGRESS_FORMAT = 'onscript-progress/1';

/** A choice the agent made, in order. */
export interface ChoiceRecord {
  stepId: string;
  /** 0-based index into the step's choices. */
  index: number;
  at: number;
  /** Step the choice led to, when it branched. */
  next?: string;
  /** Outcome code, when the choice ended the script. */
  disposition?: string;
}

/** How the script ended. */
export interface DispositionRecord {
  code: string;
  stepId: string;
  at: number;
}

/** Where a call is in its script. Plain JSON: store it as is. */
export interface ScriptProgress {
  format: typeof PROGRESS_FORMAT;
  packId: string;
  packVersion: string;
  startedAt: number;
  /** The step shown; when the script is finished, the step it finished on. */
  currentStepId: string;
  /** Epoch ms the current step was entered (or re-opened). */
  enteredAt: number;
  /** Steps to return to with "back", most recent last. */
  history: string[];
  /** Steps in order of first visit. */
  visited: string[];
  /** Ticked check ids, in the order they were ticked. */
  checked: string[];
  choices: ChoiceRecord[];
  /** Milliseconds spent per step id, excluding the running visit (see {@link timeOnStep}). */
  timeOnStepMs: Record<string, number>;
  disposition: DispositionRecord | null;
}

/** Everything the agent can do to the script. */
export type ScriptAction =
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'choose'; index: number }
  | { type: 'toggleCheck'; checkId: string }
  | { type: 'goTo'; stepId: string }
  /** Ends the script with any outcome code of the pack, e.g. when the customer hangs up mid-script. */
  | { type: 'finish'; disposition: string };

/** Why an action was refused. */
export type ScriptRefusal =
  | { reason: 'gate-locked'; stepId: string; missingChecks: string[] }
  | { reason: 'required-checks'; stepId: string; missingChecks: string[] }
  | { reason: 'choose-an-option'; stepId: string }
  | { reason: 'no-history' }
  | { reason: 'finished' }
  | { reason: 'unknown-step'; stepId: string }
  | { reason: 'unknown-choice'; index: number }
  | { reason: 'unknown-check'; checkId: string }
  | { reason: 'unknown-disposition'; code: string }
  | { reason: 'pack-mismatch' };

/** What {@link applyScriptAction} returns; on refusal `progress` is the input, untouched. */
export type ScriptActionResult = { ok: true; progress: ScriptProgress } | { ok: false; progress: ScriptProgress; refusal: ScriptRefusal };

/**
 * Starts a script on the pack's start step.
 * @param pack - A pack returned by `parsePack` (so its references are known to resolve).
 * @param now - Epoch ms of the start.
 */
export function createScriptProgress(pack: ScriptPack, now: number): ScriptProgress {
  return {
    format: PROGRESS_FORMAT,
    packId: pack.id,
    packVersion: pack.version,
    startedAt: now,
    currentStepId: pack.start,
    enteredAt: now,
    history: [],
    visited: [pack.start],
    checked: [],
    choices: [],
    timeOnStepMs: {},
    disposition: null,
  };
}

/**
 * Applies one agent action. Gates apply on every way into a step: next, choose, goTo, and "back" too (a step
 * entered before stays shut if a check its gate needs was unticked since). "next" also needs the current step's
 * required checks; branch choices do not (a wrong-person answer must be taken whatever was ticked). Once
 * finished, only "back" (re-open) is accepted.
 */
export function applyScriptAction(pack: ScriptPack, progress: ScriptProgress, action: ScriptAction, now: number): ScriptActionResult {
  const refuse = (refusal: ScriptRefusal): ScriptActionResult => ({ ok: false, progress, refusal });
  if (progress.packId !== pack.id || progress.packVersion !== pack.version) return refuse({ reason: 'pack-mismatch' });
  const steps = indexSteps(pack);
  const current = steps.get(progress.currentStepId);
  if (!current) return refuse({ reason: 'unknown-step', stepId: progress.currentStepId });

  if (progress.disposition) {
    if (action.type !== 'back') return refuse({ reason: 'finished' });
    // Re-open: the agent picked the wrong outcome; the step's clock restarts now.
    return { ok: true, progress: { ...progress, disposition: null, enteredAt: now } };
  }

  switch (action.type) {
    case 'next': {
      if (current.next === undefined) return refuse({ reason: 'choose-an-option', stepId: current.id });
      const missing = missingRequiredChecks(current, progress);
      if (missing.length > 0) return refuse({ reason: 'required-checks', stepId: current.id, missingChecks: missing });
      return enter(pack, steps, progress, current.next, now, refuse);
    }
    case 'back': {
      const previous = progress.history[progress.history.length - 1];
      if (previous === undefined) return refuse({ reason: 'no-history' });
      if (!steps.has(previous)) return refuse({ reason: 'unknown-step', stepId: previous });
      // The gate holds on the way back too: a check unticked since (the identity turned out wrong after a
      // detour through the wrong-person branch) must lock the debt again rather than let Back walk into it.
      const missing = missingGateChecks(pack, progress, previous);
      if (missing.length > 0) return refuse({ reason: 'gate-locked', stepId: previous, missingChecks: missing });
      const closed = closeVisit(progress, now);
      return { ok: true, progress: { ...closed, currentStepId: previous, enteredAt: now, history: progress.history.slice(0, -1) } };
    }
    case 'choose': {
      const choice = Number.isInteger(action.index) ? current.choices?.[action.index] : undefined;
      if (!choice) return refuse({ reason: 'unknown-choice', index: action.index });
      const record: ChoiceRecord = { stepId: current.id, index: action.index, at: now };
      if (choice.disposition !== undefined) {
        record.disposition = choice.disposition;
        return finish(progress, current.id, choice.disposition, now, record);
      }
      record.next = choice.next;
      const entered = enter(pack, steps, progress, choice.next as string, now, refuse);
      if (!entered.ok) return entered;
      return { ok: true, progress: { ...entered.progress, choices: [...progress.choices, record] } };
    }
    case 'toggleCheck': {
      if (!findCheck(pack, action.checkId)) return refuse({ reason: 'unknown-check', checkId: action.checkId });
      const checked = progress.checked.includes(action.checkId)
        ? progress.checked.filter((id) => id !== action.checkId)
        : [...progress.checked, action.checkId];
      return { ok: true, progress: { ...progress, checked } };
    }
    case 'goTo': {
      if (!steps.has(action.stepId)) return refuse({ reason: 'unknown-step', stepId: action.stepId });
      if (action.stepId === current.id) return { ok: true, progress };
      return enter(pack, steps, progress, action.stepId, now, refuse);
    }
    case 'finish': {
      if (!pack.dispositions.some((d) => d.code === action.disposition)) {
        return refuse({ reason: 'unknown-disposition', code: action.disposition });
      }
      return finish(progress, current.id, action.disposition, now);
    }
    default:
      return refuse({ reason: 'unknown-step', stepId: progress.currentStepId });
  }
}

function indexSteps(pack: ScriptPack): Map<string, ScriptStep> {
  return new Map(pack.steps.map((step) => [step.id, step]));
}

function enter(
  pack: ScriptPack,
  steps: Map<string, ScriptStep>,
  progress: ScriptProgress,
  stepId: string,
  now: number,
  refuse: (refusal: ScriptRefusal) => ScriptActionResult,
): ScriptActionResult {
  const target = steps.get(stepId);
  if (!target) return refuse({ reason: 'unknown-step', stepId });
  const missing = missingGateChecks(pack, progress, stepId);
  if (missing.length > 0) return refuse({ reason: 'gate-locked', stepId, missingChecks: missing });
  const closed = closeVisit(progress, now);
  return {
    ok: true,
    progress: {
      ...closed,
      currentStepId: stepId,
      enteredAt: now,
      history: [...progress.history, progress.currentStepId],
      visited: progress.visited.includes(stepId) ? progress.visited : [...progress.visited, stepId],
    },
  };
}

function finish(progress: ScriptProgress, stepId: string, code: string, now: number, record?: ChoiceRecord): ScriptActionResult {
  const closed = closeVisit(progress, now);
  return {
    ok: true,
    progress: {
      ...closed,
      choices: record ? [...progress.choices, record] : progress.choices,
      disposition: { code, stepId, at: now },
    },
  };
}

/** Adds the running visit of the current step to its total; a clock that went backwards adds nothing. */
function closeVisit(progress: ScriptProgress, now: number): ScriptProgress {
  const spent = Math.max(0, now - progress.enteredAt);
  const totals: Record<string, number> = {};
  for (const [id, ms] of Object.entries(progress.timeOnStepMs)) totals[id] = ms;
  totals[progress.currentStepId] = (Object.hasOwn(totals, progress.currentStepId) ? (totals[progress.currentStepId] ?? 0) : 0) + spent;
  return { ...progress, timeOnStepMs: totals, enteredAt: now };
}

function missingRequiredChecks(step: ScriptStep, progress: ScriptProgress): string[] {
  return (step.checks ?? []).filter((check) => check.required && !progress.checked.includes(check.id)).map((check) => check.id);
}

/**
 * Check ids a step's gate still waits for (empty when the step is open or has no gate).
 * The panel uses it to show a lock and the missing items before the agent tries.
 */
export function missingGateChecks(pack: ScriptPack, progress: ScriptProgress, stepId: string): string[] {
  const step = pack.steps.find((candidate) => candidate.id === stepId);
  return (step?.gate?.requires ?? []).filter((id) => !progress.checked.includes(id));
}

/** Finds a check item anywhere in the pack, with the step that holds it. */
export function findCheck(pack: ScriptPack, checkId: string): { step: ScriptStep; check: CheckItem } | undefined {
  for (const step of pack.steps) {
    const check = step.checks?.find((candidate) => candidate.id === checkId);
    if (check) return { step, check };
  }
  return undefined;
}

/** Milliseconds spent on a step so far, including the running visit when it is the current step. */
export function timeOnStep(progress: ScriptProgress, stepId: string, now: number): number {
  const stored = Object.hasOwn(progress.timeOnStepMs, stepId) ? (progress.timeOnStepMs[stepId] ?? 0) : 0;
  const running = stepId === progress.currentStepId && !progress.disposition ? Math.max(0, now - progress.enteredAt) : 0;
  return stored + running;
}

/**
 * Required checks of visited steps that were never ticked, for the wrap-up ("disclosure not read").
 * A script that branched away (wrong person) legitimately leaves some; the panel shows them, it does not block.
 */
export function outstandingRequiredChecks(pack: ScriptPack, progress: ScriptProgress): string[] {
  const visited = new Set(progress.visited);
  return pack.steps
    .filter((step) => visited.has(step.id))
    .flatMap((step) => missingRequiredChecks(step, progress));
}
