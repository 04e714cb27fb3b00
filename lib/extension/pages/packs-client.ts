import type { PackChange } from '../../packs/subscription';
import { browser } from 'wxt/browser';
import type { ScriptPack } from '../../packs/types';
import type { PacksMessages, PackStatus } from '../../protocol/packs-messages';
import { sendToBackground } from '../shared/messaging';
import type { BackgroundChannel } from './background-channel';
import { dismissedPackChangeItem } from '../shared/settings';

/** What the side panel's pack notice needs, behind an interface so it can be tested without a browser. */
export interface PacksClient {
  getStatus(): Promise<PackStatus>;
  onChanged(callback: (change: PackChange) => void): () => void;
  dismissedAt(): Promise<number>;
  dismiss(changeAt: number): Promise<void>;
}

/** What the options page does with the pack subscription; a plain object in tests. */
export interface PacksSettingsClient {
  getStatus(): Promise<PackStatus>;
  subscribe(request: PacksMessages['packs/subscribe']['request']): Promise<PacksMessages['packs/subscribe']['response']>;
  unsubscribe(): Promise<PackStatus>;
  checkNow(): Promise<PackStatus>;
  rollback(): Promise<PackStatus>;
  /** The team pack in use, whole (the lead's editor diffs against it). */
  getActive(): Promise<ScriptPack | null>;
  /** Asks the browser for access to the pack's origin; must run inside the click that subscribes. */
  requestAccess(origin: string): Promise<boolean>;
}

/** The options page's packs client backed by the background worker. */
export function createExtensionPacksSettingsClient(): PacksSettingsClient {
  return {
    getStatus: () => sendToBackground('packs/get-status', {}),
    subscribe: (request) => sendToBackground('packs/subscribe', request),
    unsubscribe: () => sendToBackground('packs/unsubscribe', {}),
    checkNow: () => sendToBackground('packs/check-now', {}),
    rollback: () => sendToBackground('packs/rollback', {}),
    getActive: () => sendToBackground('packs/get-active', {}),
    requestAccess: (origin) => browser.permissions.request({ origins: [`${origin}/*`] }),
  };
}

/** The packs client backed by the extension. */
export function createExtensionPacksClient(channel: BackgroundChannel): PacksClient {
  return {
    getStatus: () => sendToBackground('packs/get-status', {}),
    onChanged: (callback) => channel.on('packs/changed', callback),
    dismissedAt: () => dismissedPackChangeItem.getValue(),
    dismiss: (changeAt) => dismissedPackChangeItem.setValue(changeAt),
  };
}
