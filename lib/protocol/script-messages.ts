import type { ScriptAction, ScriptProgress, ScriptRefusal } from '../script/engine';
import { accept, isBoundedJson, isBoundedString, isFiniteNumber, isIntegerIn, isRecord, isStringList, refuse, unexpectedKey, type Checked } from './checks';
import { defineMessages } from './sender-rules';

/** What the panel shows of one call's script: stored with the call record, so it outlives panel and worker. */
export interface ScriptCallView {
  callId: string;
  packId: string;
  packVersion: string;
  progress: ScriptProgress;
  /** The per-call form, as typed (raw, unformatted). */
  variables: Record<string, string>;
  /** Debtor or account reference the agent is working. */
  debtorRef: string;
  /** Outcome code, once the script ended with one. */
  disposition: string | null;
  /** Grows with every script write to the call; a view with a lower revision than the one shown is old news. */
  revision?: number;
}

/** The result of an action: the view after it, or why it was refused (with the unchanged view). */
export type ScriptActResponse =
  | { ok: true; view: ScriptCallView }
  | { ok: false; view: ScriptCallView | null; refusal: ScriptRefusalReason };

/** Engine refusals plus the background's own reasons (no such call, pack not available, pack in use). */
export type ScriptRefusalReason =
  | ScriptRefusal
  | { reason: 'no-call' }
  | { reason: 'pack-unavailable'; packId: string }
  | { reason: 'in-progress' };

/** Extension commands (manifest `commands`) the background forwards to open panels. */
export const SCRIPT_COMMANDS = ['script-next', 'script-back', 'script-focus-search', 'script-focus-notes'] as const;

/** One forwarded command. */
export type ScriptCommand = (typeof SCRIPT_COMMANDS)[number];

/** Messages of the script feature. Type names are prefixed `script/`. */
export interface ScriptMessages {
  /** extension → background: a call's script (started on the active pack when the call has none yet). */
  'script/get': { request: { callId: string }; response: ScriptCallView | null };
  /** extension → background: applies an engine action to a call's script. */
  'script/act': { request: { callId: string; action: ScriptAction }; response: ScriptActResponse };
  /** extension → background: saves the per-call form and the debtor reference. */
  'script/set-variables': {
    request: { callId: string; variables: Record<string, string>; debtorRef: string };
    response: ScriptCallView | null;
  };
  /** extension → background: runs this call on another pack; refused once the agent has started the script. */
  'script/switch-pack': { request: { callId: string; packId: string }; response: ScriptActResponse };
  /** background → extension pages: a call's script changed (another panel, a command). */
  'script/changed': { request: ScriptCallView; response: void };
  /** background → extension pages: the agent pressed one of the extension's keyboard commands. */
  'script/command': { request: { command: ScriptCommand }; response: void };
}

/** Longest call id accepted (ids are UUIDs). */
const MAX_ID_CHARS = 128;
/** Longest step, check or pack id; pack ids are at most 64, step and check ids shorter. */
const MAX_REF_CHARS = 64;
/** Form limits: the pack validator allows far fewer variables; values are short case facts. */
export const MAX_VARIABLES = 64;
export const MAX_VARIABLE_VALUE_CHARS = 500;
export const MAX_DEBTOR_REF_CHARS = 64;
const VARIABLE_KEY = /^[a-z][a-zA-Z0-9]{0,31}(?:\.[a-z][a-zA-Z0-9]{0,31}){0,3}$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isId(value: unknown, max = MAX_REF_CHARS): value is string {
  return isBoundedString(value, max) && value.length > 0;
}

/** Checks a script action from a panel and rebuilds it field by field. */
export function validateScriptAction(value: unknown): Checked<ScriptAction> {
  if (!isRecord(value)) return refuse('action is not an object');
  const { type } = value;
  const only = (keys: string[]) => unexpectedKey(value, new Set(['type', ...keys])) === undefined;
  switch (type) {
    case 'next':
    case 'back':
      return only([]) ? accept({ type }) : refuse('unexpected field in action');
    case 'choose': {
      const index = value['index'];
      return only(['index']) && Number.isInteger(index) && (index as number) >= 0 && (index as number) < 9
        ? accept({ type, index: index as number })
        : refuse('choose needs an index from 0 to 8');
    }
    case 'toggleCheck':
      return only(['checkId']) && isId(value['checkId']) ? accept({ type, checkId: value['checkId'] }) : refuse('bad checkId');
    case 'goTo':
      return only(['stepId']) && isId(value['stepId']) ? accept({ type, stepId: value['stepId'] }) : refuse('bad stepId');
    case 'finish':
      return only(['disposition']) && isId(value['disposition'], 32)
        ? accept({ type, disposition: value['disposition'] })
        : refuse('bad disposition');
    default:
      return refuse('unknown action type');
  }
}

/** Checks a per-call form: known-shaped keys only, string values of bounded length. */
export function validateVariables(value: unknown): Checked<Record<string, string>> {
  if (!isRecord(value)) return refuse('variables is not an object');
  const entries = Object.entries(value);
  if (entries.length > MAX_VARIABLES) return refuse('too many variables');
  // A prototype-less object: a key such as "toString" stays plain data.
  const variables: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, raw] of entries) {
    if (!VARIABLE_KEY.test(key) || key.split('.').some((part) => FORBIDDEN_KEYS.has(part))) {
      return refuse(`bad variable key ${JSON.stringify(key.slice(0, 40))}`);
    }
    if (!isBoundedString(raw, MAX_VARIABLE_VALUE_CHARS)) return refuse(`bad value for ${key}`);
    variables[key] = raw;
  }
  return accept({ ...variables });
}

const withCallId = <T>(payload: unknown, keys: string[], build: (value: Record<string, unknown>) => Checked<T>): Checked<T> => {
  if (!isRecord(payload)) return refuse('payload is not an object');
  if (unexpectedKey(payload, new Set(['callId', ...keys])) !== undefined) return refuse('unexpected field');
  if (!isId(payload['callId'], MAX_ID_CHARS)) return refuse('bad callId');
  return build(payload);
};

const VIEW_KEYS = new Set(['callId', 'packId', 'packVersion', 'progress', 'variables', 'debtorRef', 'disposition', 'revision']);
/** The largest script progress told to a panel: a long call through a big pack stays far below. */
const MAX_PROGRESS_CHARS = 256 * 1024;
const COMMANDS = new Set<string>(SCRIPT_COMMANDS);

/** Checks the engine's progress as told to a panel: the fields the panel reads, and bounded plain data. */
function isScriptProgress(value: unknown): value is ScriptProgress {
  if (!isRecord(value) || !isBoundedJson(value, MAX_PROGRESS_CHARS)) return false;
  const { packId, packVersion, currentStepId, startedAt, enteredAt, history, visited, checked, choices, timeOnStepMs, disposition } = value;
  return (
    isId(packId) &&
    isBoundedString(packVersion, MAX_REF_CHARS) &&
    isId(currentStepId) &&
    isFiniteNumber(startedAt) &&
    isFiniteNumber(enteredAt) &&
    isStringList(history, 10_000, MAX_REF_CHARS) &&
    isStringList(visited, 10_000, MAX_REF_CHARS) &&
    isStringList(checked, 10_000, MAX_REF_CHARS) &&
    Array.isArray(choices) &&
    isRecord(timeOnStepMs) &&
    Object.values(timeOnStepMs).every(isFiniteNumber) &&
    (disposition === null || isRecord(disposition))
  );
}

/** Checks a call's script view as the background tells it to panels (`script/changed`). */
export function validateScriptCallView(value: unknown): Checked<ScriptCallView> {
  if (!isRecord(value) || unexpectedKey(value, VIEW_KEYS) !== undefined) return refuse('bad script view');
  const { callId, packId, packVersion, progress, variables, debtorRef, disposition, revision } = value;
  if (!isId(callId, MAX_ID_CHARS) || !isId(packId) || !isBoundedString(packVersion, MAX_REF_CHARS)) return refuse('bad script view');
  if (!isScriptProgress(progress)) return refuse('bad script progress');
  const checkedVariables = validateVariables(variables);
  if (!checkedVariables.ok) return checkedVariables;
  if (!isBoundedString(debtorRef, MAX_DEBTOR_REF_CHARS)) return refuse('bad debtorRef');
  if (disposition !== null && !isId(disposition, 32)) return refuse('bad disposition');
  if (revision !== undefined && !isIntegerIn(revision, 0, Number.MAX_SAFE_INTEGER)) return refuse('bad revision');
  return accept({
    callId,
    packId,
    packVersion,
    progress,
    variables: checkedVariables.value,
    debtorRef,
    disposition,
    ...(revision !== undefined ? { revision } : {}),
  });
}

/** Checks a forwarded keyboard command (`script/command`): one of the manifest's commands, nothing else. */
export function validateScriptCommand(value: unknown): Checked<{ command: ScriptCommand }> {
  if (!isRecord(value) || unexpectedKey(value, new Set(['command'])) !== undefined) return refuse('bad command');
  const { command } = value;
  return typeof command === 'string' && COMMANDS.has(command) ? accept({ command: command as ScriptCommand }) : refuse('unknown command');
}

/** Each script message: who may send it and how its payload is checked. */
export const SCRIPT_MESSAGES = defineMessages<ScriptMessages>({
  'script/get': { senders: ['extension'], validate: (payload) => withCallId(payload, [], (value) => accept({ callId: value['callId'] as string })) },
  'script/act': { senders: ['extension'], validate: (payload) =>
    withCallId(payload, ['action'], (value) => {
      const action = validateScriptAction(value['action']);
      return action.ok ? accept({ callId: value['callId'] as string, action: action.value }) : action;
    }) },
  'script/set-variables': { senders: ['extension'], validate: (payload) =>
    withCallId(payload, ['variables', 'debtorRef'], (value) => {
      const variables = validateVariables(value['variables']);
      if (!variables.ok) return variables;
      const debtorRef = value['debtorRef'];
      if (!isBoundedString(debtorRef, MAX_DEBTOR_REF_CHARS)) return refuse('bad debtorRef');
      return accept({ callId: value['callId'] as string, variables: variables.value, debtorRef: debtorRef.trim() });
    }) },
  'script/switch-pack': { senders: ['extension'], validate: (payload) =>
    withCallId(payload, ['packId'], (value) =>
      isId(value['packId']) ? accept({ callId: value['callId'] as string, packId: value['packId'] }) : refuse('bad packId'),
    ) },
  // Told by the background only (the service never takes them); checked by the pages that hear them.
  'script/changed': { senders: ['background'], validate: validateScriptCallView },
  'script/command': { senders: ['background'], validate: validateScriptCommand },
});

