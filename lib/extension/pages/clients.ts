import { readRetentionPolicy, type RetentionPolicy } from '../shared/retention-policy';
import { createBackgroundChannel } from './background-channel';
import {
  createExtensionComplianceClient,
  readCompliancePolicyView,
  type ComplianceClient,
  type CompliancePolicyView,
  type ComplianceSettingsClient,
} from './compliance-client';
import { browserDialerAccess, type DialerAccess, type TabAccess } from './dialer-permissions';
import { createExtensionNotesClient, type NotesClient } from './notes-client';
import {
  createExtensionPacksClient,
  createExtensionPacksSettingsClient,
  type PacksClient,
  type PacksSettingsClient,
} from './packs-client';
import { createExtensionPanelClient, type PanelClient } from './panel-client';
import { createExtensionScriptClient, type ScriptClient } from './script-client';
import { createExtensionTeamClient, createExtensionTeamSettingsClient, type TeamClient, type TeamSettingsClient } from './team-client';
import { createSettingsFileClient, type SettingsFileClient } from './settings-file-client';

/**
 * Everything the side panel needs from the extension, built once by its entry point and handed to the
 * components through one context (components/side-panel-model.ts). Component tests pass plain objects instead.
 */
export interface SidePanelClients {
  panel: PanelClient;
  script: ScriptClient;
  notes: NotesClient;
  packs: PacksClient;
  compliance: ComplianceClient;
  dialerAccess: DialerAccess & TabAccess;
  team: TeamClient;
}

/** The side panel's clients backed by the extension, sharing one channel from the background. */
export function createSidePanelClients(search: string): SidePanelClients {
  const channel = createBackgroundChannel();
  return {
    panel: createExtensionPanelClient(search, channel),
    script: createExtensionScriptClient(channel),
    notes: createExtensionNotesClient(),
    packs: createExtensionPacksClient(channel),
    compliance: createExtensionComplianceClient(),
    dialerAccess: browserDialerAccess,
    team: createExtensionTeamClient(channel),
  };
}

/** Everything the options page needs from the extension, handed to its sections through one context. */
export interface OptionsClients {
  compliance: ComplianceSettingsClient;
  packs: PacksSettingsClient;
  team: TeamSettingsClient;
  dialerAccess: DialerAccess;
  /** The team's retention policy (managed storage). */
  retentionPolicy(): Promise<RetentionPolicy>;
  /** The lead's compliance policy and locked settings (managed storage). */
  compliancePolicy(): Promise<CompliancePolicyView>;
  /** The settings file, for teams without policy. */
  settingsFile: SettingsFileClient;
}

/** The options page's clients backed by the extension. */
export function createOptionsClients(): OptionsClients {
  return {
    compliance: createExtensionComplianceClient(),
    packs: createExtensionPacksSettingsClient(),
    team: createExtensionTeamSettingsClient(),
    dialerAccess: browserDialerAccess,
    retentionPolicy: readRetentionPolicy,
    compliancePolicy: readCompliancePolicyView,
    settingsFile: createSettingsFileClient(),
  };
}
