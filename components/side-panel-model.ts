import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { SidePanelClients } from '../lib/extension/pages/clients';
import { createComplianceState, type ComplianceState } from './compliance/compliance-state';
import { createNotesState, type NotesStateOptions, type NotesState } from './notes/notes-state';
import { createPanelState, type PanelState } from './panel-state';
import { createScriptState, type ScriptState } from './script/script-state';
import { createTeamSyncState, type TeamSyncState } from './team/team-sync-state';

/** Options for {@link createSidePanelModel}: clocks, timers and languages are injectable for tests. */
export interface SidePanelModelOptions {
  clients: SidePanelClients;
  /** The page's query string: `?tabId=N` pins a tab, `?record=ID` opens a record (from a reminder). */
  search?: string;
  now?: () => number;
  browserLanguages?: readonly string[];
  /** How long the script form waits after the last keystroke before saving. */
  scriptSaveDelayMs?: number;
  notes?: Omit<NotesStateOptions, 'client'>;
}

/**
 * Everything the side panel shows, built once from the clients by one factory: the panel (tab, calls, clock,
 * language) and each feature's state. The entry point builds it and hands it down through one context; component
 * tests build it from plain-object clients.
 */
export function createSidePanelModel(options: SidePanelModelOptions) {
  const { clients } = options;
  const panel = createPanelState({
    client: clients.panel,
    ...(options.now ? { now: options.now } : {}),
    ...(options.browserLanguages ? { browserLanguages: options.browserLanguages } : {}),
  });
  const script: ScriptState = createScriptState({
    client: clients.script,
    panel,
    ...(options.scriptSaveDelayMs !== undefined ? { saveDelayMs: options.scriptSaveDelayMs } : {}),
  });
  const notes: NotesState = createNotesState({ client: clients.notes, ...options.notes });
  const compliance: ComplianceState = createComplianceState(clients.compliance);
  const team: TeamSyncState = createTeamSyncState(clients.team);
  return {
    panel,
    script,
    notes,
    compliance,
    team,
    packs: clients.packs,
    clients,
    dialerAccess: clients.dialerAccess,
    search: options.search ?? '',
  };
}

/** The side panel's model. */
export type SidePanelModel = ReturnType<typeof createSidePanelModel>;

/** Carries the model from the entry point (or a test) to every component; nothing in the panel is global. */
export const SidePanelModelContext = createContext<SidePanelModel | undefined>(undefined);

/** The side panel's model; throws outside its provider, which is a wiring bug. */
export function useSidePanelModel(): SidePanelModel {
  const model = useContext(SidePanelModelContext);
  if (!model) throw new Error('side-panel components need a SidePanelModelContext provider');
  return model;
}

/** The panel state: the tab followed, its calls, the clock and the language. */
export function usePanelState(): PanelState {
  return useSidePanelModel().panel;
}

/** The call script's state. */
export function useScriptState(): ScriptState {
  return useSidePanelModel().script;
}

/** The notes section's state. */
export function useNotesState(): NotesState {
  return useSidePanelModel().notes;
}
