import { browser } from 'wxt/browser';
import { maskText, maskVariables } from '../../../notes/redact-record';
import { appendToComplianceLog } from '../compliance-log';
import { dispositionDoNotCallFlags, planDispositionFlags } from '../../../compliance/dnc';
import { updateCallRecord, updateCallRecordAndFlags } from '../../../db/calls-repository';
import type { StoredCallRecord, StoredDoNotCallFlag } from '../../../db/schema';
import type { JsonValue } from '../../../notes/types';
import type { ScriptPack } from '../../../packs/types';
import type { ScriptActResponse, ScriptCallView, ScriptCommand } from '../../../protocol/script-messages';
import { SCRIPT_COMMANDS, SCRIPT_MESSAGES } from '../../../protocol/script-messages';
import { applyScriptAction, createScriptProgress, PROGRESS_FORMAT, type ScriptAction, type ScriptProgress } from '../../../script/engine';
import { broadcastToExtensionPages } from '../messaging';
import { findPack, getActivePack } from '../../shared/script-packs';
import { builtInPacks } from '../built-in-packs';
import { defaultRegionSetting } from '../../shared/settings';
import { toE164 } from '../detection-numbers';
import { defineBackgroundFeature, type BackgroundContext, type BackgroundFeature, type CallChange, type CallContribution } from '../feature';

/**
 * The background side of the call script: every call is stamped with the active pack when first seen, and the
 * panel's actions are applied here by the engine and written to the call record (`scriptProgress`,
 * `variables`, `debtorRef`, `packId`, `packVersion`, `disposition`) in one transaction each. Nothing is kept in
 * worker memory, so a restarted worker and a reopened panel carry on from the record.
 */
export const scriptFeature = defineBackgroundFeature({
  id: 'script',
  messages: SCRIPT_MESSAGES,
  create: createScriptFeature,
});

function createScriptFeature({ now, newId, db, pushToPanels }: BackgroundContext): BackgroundFeature {
  const activePack = async () => getActivePack(await builtInPacks());
  const lookUpPack = async (id: string, version?: string) => findPack(id, version, await builtInPacks());

  /** Starts a record's script on `pack` unless it has one; returns the record as stored. */
  async function ensureScript(callId: string): Promise<StoredCallRecord | undefined> {
    const database = await db();
    const existing = await database.get('calls', callId);
    if (!existing) return undefined;
    if (readProgress(existing)) return existing;
    const pack = (existing.packId ? await lookUpPack(existing.packId, stringVersion(existing.packVersion)) : undefined) ?? (await activePack());
    const at = now();
    return updateCallRecord(database, callId, (record) =>
      readProgress(record) ? record : { ...record, ...stamp(pack, at) },
    );
  }

  async function changed(record: StoredCallRecord | undefined): Promise<ScriptCallView | null> {
    const view = record ? toView(record) : null;
    if (view) await pushToPanels('script/changed', view);
    return view;
  }

  /**
   * Applies `change` to the call and, in the same transaction, the do-not-call flags its disposition implies
   * (cease, wrong party, dispute), reconciled whenever the disposition or the debtor reference changes.
   */
  async function updateWithStopFlags(
    callId: string,
    pack: ScriptPack | undefined,
    change: (record: StoredCallRecord) => StoredCallRecord,
  ): Promise<StoredCallRecord | undefined> {
    const [database, region] = await Promise.all([db(), defaultRegionSetting.getValue()]);
    return updateCallRecordAndFlags(database, callId, (current, stored) => {
      const record = change(current);
      const relevant = record.disposition !== current.disposition || record.debtorRef !== current.debtorRef;
      if (!pack || !relevant) return { record, flags: [] };
      return { record, flags: stopFlagWrites(record, pack, stored, now(), region, newId) };
    });
  }

  async function act(callId: string, action: ScriptAction): Promise<ScriptActResponse> {
    const record = await ensureScript(callId);
    const progress = record ? readProgress(record) : undefined;
    if (!record || !progress) return { ok: false, view: null, refusal: { reason: 'no-call' } };
    const pack = await lookUpPack(progress.packId, progress.packVersion);
    if (!pack) return { ok: false, view: toView(record), refusal: { reason: 'pack-unavailable', packId: progress.packId } };
    let response: ScriptActResponse | undefined;
    const written = await updateWithStopFlags(callId, pack, (current) => {
      // Applied to the progress read inside the transaction, so two panels acting at once both count.
      const result = applyScriptAction(pack, readProgress(current) ?? progress, action, now());
      if (!result.ok) {
        response = { ok: false, view: toView(current), refusal: result.refusal };
        return current;
      }
      return revised({
        ...current,
        scriptProgress: result.progress as unknown as JsonValue,
        ...dispositionChange(current, result.progress),
      });
    });
    if (response) return response;
    // The compliance log records each disclosure ticked and the outcome the script ended with.
    const ticked = action.type === 'toggleCheck' && readProgress(written ?? record)?.checked.includes(action.checkId);
    if (ticked || action.type === 'finish') {
      const entry = action.type === 'finish'
        ? { at: now(), kind: 'disposition' as const, callId, code: action.disposition }
        : { at: now(), kind: 'disclosure' as const, callId, code: (action as { checkId: string }).checkId };
      void appendToComplianceLog(await db(), [{ ...entry, packId: progress.packId, packVersion: progress.packVersion }]).catch((error: unknown) =>
        console.error('OnScript compliance log append failed', error),
      );
    }
    const view = await changed(written);
    return view ? { ok: true, view } : { ok: false, view: null, refusal: { reason: 'no-call' } };
  }

  return {
    handlers: {
      'script/get': async ({ callId }) => {
        const record = await ensureScript(callId);
        return record ? toView(record) : null;
      },
      'script/act': async ({ callId, action }) => act(callId, action),
      'script/set-variables': async ({ callId, variables, debtorRef }) => {
        const started = await ensureScript(callId);
        const progress = started ? readProgress(started) : undefined;
        // The debtor reference decides whether a cease or dispute holds the debtor or only the number.
        const pack = progress?.disposition ? await lookUpPack(progress.packId, progress.packVersion) : undefined;
        const written = await updateWithStopFlags(callId, pack, (record) => {
          const next: StoredCallRecord = revised({ ...record, variables: maskVariables(variables) });
          // Masked here, in the one writer (issue 14): a card number typed into the form is never stored.
          if (debtorRef) next.debtorRef = maskText(debtorRef);
          else delete next.debtorRef;
          return next;
        });
        return changed(written);
      },
      'script/switch-pack': async ({ callId, packId }) => {
        const record = await ensureScript(callId);
        const progress = record ? readProgress(record) : undefined;
        if (!record || !progress) return { ok: false, view: null, refusal: { reason: 'no-call' } };
        const pack = await lookUpPack(packId);
        if (!pack) return { ok: false, view: toView(record), refusal: { reason: 'pack-unavailable', packId } };
        let refused = false;
        const written = await updateCallRecord(await db(), callId, (current) => {
          const stored = readProgress(current);
          // Switching would throw away what the agent did: only an untouched script may change pack.
          if (stored && !isUntouched(stored)) {
            refused = true;
            return current;
          }
          return revised({ ...current, ...stamp(pack, now()) });
        });
        if (refused || !written) return { ok: false, view: written ? toView(written) : null, refusal: { reason: 'in-progress' } };
        const view = await changed(written);
        return view ? { ok: true, view } : { ok: false, view: null, refusal: { reason: 'no-call' } };
      },
    },
    async onCallChange({ previous }: CallChange): Promise<CallContribution | undefined> {
      // First sight of a call: stamp the pack it will run on, so a later change of setting does not move it.
      if (previous) return undefined;
      const pack = await activePack();
      const at = now();
      return { record: (record) => (record.packId ? record : { ...record, ...stamp(pack, at) }) };
    },
    start() {
      // Keyboard commands (manifest `commands`) go to the open panels, which act on the call they show.
      browser.commands?.onCommand.addListener((command) => void forwardScriptCommand(command));
    },
  };
}

/**
 * Forwards an extension command (manifest `commands`) to open panels, which act on their focused call. Unknown
 * command names are ignored.
 */
export async function forwardScriptCommand(command: string): Promise<void> {
  const known = (SCRIPT_COMMANDS as readonly string[]).includes(command);
  if (known) await broadcastToExtensionPages('script/command', { command: command as ScriptCommand });
}

function stamp(pack: ScriptPack, at: number): Pick<StoredCallRecord, 'packId' | 'packVersion' | 'scriptProgress'> {
  return { packId: pack.id, packVersion: pack.version, scriptProgress: createScriptProgress(pack, at) as unknown as JsonValue };
}

function stringVersion(version: string | number | undefined): string | undefined {
  return version === undefined ? undefined : String(version);
}

/** The stored progress when it is one (records written by older versions or other tools may hold anything). */
function readProgress(record: StoredCallRecord): ScriptProgress | undefined {
  const value = record.scriptProgress;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return value['format'] === PROGRESS_FORMAT && typeof value['currentStepId'] === 'string'
    ? (value as unknown as ScriptProgress)
    : undefined;
}

function isUntouched(progress: ScriptProgress): boolean {
  return progress.history.length === 0 && progress.checked.length === 0 && progress.choices.length === 0 && !progress.disposition;
}

/**
 * The do-not-call flags to write for a call whose disposition or debtor reference just changed: the flags its
 * disposition's pack flags imply (dnc.ts), minus those already active, plus this call's earlier ones lifted.
 */
function stopFlagWrites(
  record: StoredCallRecord,
  pack: ScriptPack,
  stored: readonly StoredDoNotCallFlag[],
  at: number,
  region: string,
  newId: () => string,
): StoredDoNotCallFlag[] {
  const code = record.disposition;
  const phoneE164 = record.numberE164 ?? toE164(record.remoteNumber, region);
  const wanted = code
    ? dispositionDoNotCallFlags({
        code,
        flags: pack.dispositions.find((disposition) => disposition.code === code)?.flags ?? [],
        callId: record.id,
        at,
        ...(phoneE164 ? { phoneE164 } : {}),
        ...(record.debtorRef ? { debtorRef: record.debtorRef } : {}),
      })
    : [];
  const { add, lift } = planDispositionFlags(stored, wanted, record.id, at);
  return [...add.map((flag) => ({ ...flag, id: newId() })), ...lift];
}

/** The record's `disposition` follows the script's outcome; re-opening the script clears it. */
function dispositionChange(record: StoredCallRecord, progress: ScriptProgress): Pick<StoredCallRecord, 'disposition'> {
  if (progress.disposition) return { disposition: progress.disposition.code };
  const previous = readProgress(record);
  return previous?.disposition ? { disposition: undefined } : record.disposition === undefined ? {} : { disposition: record.disposition };
}

/** The record with its script revision moved on by one. */
function revised(record: StoredCallRecord): StoredCallRecord {
  return { ...record, scriptRevision: (record.scriptRevision ?? 0) + 1 };
}

function toView(record: StoredCallRecord): ScriptCallView | null {
  const progress = readProgress(record);
  if (!progress) return null;
  return {
    callId: record.id,
    packId: progress.packId,
    packVersion: progress.packVersion,
    progress,
    variables: { ...(record.variables ?? {}) },
    debtorRef: record.debtorRef ?? '',
    disposition: record.disposition ?? null,
    revision: record.scriptRevision ?? 0,
  };
}
