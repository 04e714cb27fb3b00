import { browser } from 'wxt/browser';
import type { PackChange } from '../../packs/subscription';
import type { PackStatus } from '../../protocol/packs-messages';
import { readEnvelope } from '../../protocol/validate';
import { sendToBackground } from '../shared/messaging';
import { dismissedPackChangeItem } from '../shared/settings';

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
    dismissedAt: () => dismissedPackChangeItem.getValue(),
    dismiss: (changeAt) => dismissedPackChangeItem.setValue(changeAt),
  };
}
