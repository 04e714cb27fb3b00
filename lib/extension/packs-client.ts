import { browser } from 'wxt/browser';
import type { PackChange } from '../packs/subscription';
import type { PackStatus } from '../protocol/packs-messages';
import { readEnvelope } from '../protocol/validate';
import { sendToBackground } from './messaging';
import { storage } from 'wxt/utils/storage';

/** The last pack change the agent dismissed in the panel (epoch ms of that change). */
const dismissedChangeItem = storage.defineItem<number>('local:packs.noticeDismissedAt', { fallback: 0, version: 1 });

/** What the side panel's pack notice needs, behind an interface so it can be tested without a browser. */
export interface PacksClient {
  getStatus(): Promise<PackStatus>;
  onChanged(callback: (change: PackChange) => void): () => void;
  dismissedAt(): Promise<number>;
  dismiss(changeAt: number): Promise<void>;
}

/** The packs client backed by the extension. */
export function createExtensionPacksClient(): PacksClient {
  return {
    getStatus: () => sendToBackground('packs/get-status', {}),
    onChanged(callback) {
      const listener = (message: unknown) => {
        const frame = readEnvelope(message);
        if (frame.ok && frame.value.type === 'packs/changed') callback(frame.value.payload as PackChange);
        return undefined;
      };
      browser.runtime.onMessage.addListener(listener);
      return () => browser.runtime.onMessage.removeListener(listener);
    },
    dismissedAt: () => dismissedChangeItem.getValue(),
    dismiss: (changeAt) => dismissedChangeItem.setValue(changeAt),
  };
}
