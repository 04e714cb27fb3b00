import type { ScriptPack } from '../../packs/types';
import type { ScriptActResponse, ScriptCallView, ScriptCommand } from '../../protocol/script-messages';
import type { ScriptAction } from '../../script/engine';
import { lockedOr } from '../../compliance/locked-settings';
import { readLockedSettings } from '../shared/locked-settings';
import { sendToBackground } from '../shared/messaging';
import type { BackgroundChannel } from './background-channel';
import { DEFAULT_PACKS } from '../../packs/defaults';
import { listAvailablePacks } from '../shared/script-packs';
import { agentNameSetting, agentStaffIdSetting, companyNameSetting, scriptPackSetting } from '../shared/settings';

/**
 * Everything the script view needs from the extension, behind one interface so components can be tested with a
 * plain object in place of the browser.
 */
export interface ScriptClient {
  getScript(callId: string): Promise<ScriptCallView | null>;
  act(callId: string, action: ScriptAction): Promise<ScriptActResponse>;
  setVariables(callId: string, variables: Record<string, string>, debtorRef: string): Promise<ScriptCallView | null>;
  switchPack(callId: string, packId: string): Promise<ScriptActResponse>;
  listPacks(): Promise<readonly ScriptPack[]>;
  /** The pack setting: a pack id, or `auto` (by UI language). */
  loadPackSetting(): Promise<string>;
  savePackSetting(value: string): Promise<void>;
  /**
   * The agent's own values from the general settings, by variable key (`agent.name`, `agent.staffId`,
   * `company.name`), to prefill the per-call form; a setting left empty is absent. A name or organisation the
   * lead's policy locks is the policy's.
   */
  loadVariableDefaults(): Promise<Readonly<Record<string, string>>>;
  onScriptChanged(callback: (view: ScriptCallView) => void): () => void;
  onCommand(callback: (command: ScriptCommand) => void): () => void;
}

/** The script client backed by the real extension APIs. */
export function createExtensionScriptClient(channel: BackgroundChannel): ScriptClient {
  return {
    getScript: (callId) => sendToBackground('script/get', { callId }),
    act: (callId, action) => sendToBackground('script/act', { callId, action }),
    setVariables: (callId, variables, debtorRef) => sendToBackground('script/set-variables', { callId, variables, debtorRef }),
    switchPack: (callId, packId) => sendToBackground('script/switch-pack', { callId, packId }),
    listPacks: () => listAvailablePacks(DEFAULT_PACKS),
    loadPackSetting: () => scriptPackSetting.getValue(),
    savePackSetting: (value) => scriptPackSetting.setValue(value),
    loadVariableDefaults: async () => {
      const [name, staffId, company, locks] = await Promise.all([
        agentNameSetting.getValue(),
        agentStaffIdSetting.getValue(),
        companyNameSetting.getValue(),
        readLockedSettings(),
      ]);
      return variableDefaults({
        'agent.name': lockedOr<unknown>(locks, 'agentName', locks.values.agentName, name, ''),
        'agent.staffId': staffId,
        'company.name': lockedOr<unknown>(locks, 'companyName', locks.values.companyName, company, ''),
      });
    },
    onScriptChanged: (callback) => channel.on('script/changed', callback),
    onCommand: (callback) => channel.on('script/command', (payload) => callback(payload.command)),
  };
}

/** Settings values by variable key, without the empty ones (storage can hold anything: only strings count). */
function variableDefaults(values: Record<string, unknown>): Record<string, string> {
  const defaults: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) if (typeof value === 'string' && value.trim() !== '') defaults[key] = value.trim();
  return defaults;
}
