import { browser } from 'wxt/browser';
import type { EnrollReply, TeamStatus } from '../../protocol/team-messages';
import { sendToBackground } from '../shared/messaging';
import type { BackgroundChannel } from './background-channel';

/** What the side panel's sync line needs: the status, and word when it changes. */
export interface TeamClient {
  getStatus(): Promise<TeamStatus>;
  onChanged(callback: (status: TeamStatus) => void): () => void;
  /** Calls back when the panel's channel was down and is back (a change may have been missed). */
  onReconnected(callback: () => void): () => void;
}

/** What the options page's Team section does; a plain object in tests. */
export interface TeamSettingsClient {
  getStatus(): Promise<TeamStatus>;
  enroll(hubUrl: string, code: string): Promise<EnrollReply>;
  leave(): Promise<TeamStatus>;
  syncNow(): Promise<TeamStatus>;
  /** Asks the browser for access to the hub's origin; must run inside the click that enrolls. */
  requestAccess(origin: string): Promise<boolean>;
}

/** The panel's team client backed by the background. */
export function createExtensionTeamClient(channel: BackgroundChannel): TeamClient {
  return {
    getStatus: () => sendToBackground('team/get-status', {}),
    onChanged: (callback) => channel.on('team/status-changed', callback),
    onReconnected: (callback) => channel.onReconnected(callback),
  };
}

/** The options page's team client backed by the background. */
export function createExtensionTeamSettingsClient(): TeamSettingsClient {
  return {
    getStatus: () => sendToBackground('team/get-status', {}),
    enroll: (hubUrl, code) => sendToBackground('team/enroll', { hubUrl, code }),
    leave: () => sendToBackground('team/leave', {}),
    syncNow: () => sendToBackground('team/sync-now', {}),
    requestAccess: (origin) => browser.permissions.request({ origins: [`${origin}/*`] }),
  };
}
