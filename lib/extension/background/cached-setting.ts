import type { PackChannelState } from '../../packs/subscription';
import { watchManagedPolicy } from '../shared/managed-policy';
import { readTrustedChannel, type TrustedChannel } from '../shared/pack-channel';
import { packChannelItem, packSubscriptionItem } from '../shared/settings';
import type { StorageItem } from '../shared/storage-item';

/**
 * A setting read once per worker life and re-read after it changes (any extension page writing it fires the
 * storage change in the worker too). For settings read on a hot path, such as the region every call signal's
 * number is normalized with, where a storage read would cost more than the work it feeds.
 * Call from the service's synchronous set-up so the change listener is registered before any await.
 */
export function cachedSetting<T>(item: StorageItem<T>): () => Promise<T> {
  let current: Promise<T> | undefined;
  item.watch(() => {
    current = undefined;
  });
  return () =>
    (current ??= item.getValue().catch((error: unknown) => {
      current = undefined;
      throw error;
    }));
}

/**
 * The team pack channel as the background's hot paths read it: verified (readTrustedChannel), once per worker life
 * and again after the channel, the subscription or the managed policy changes. Call from the service's synchronous
 * set-up.
 */
export function cachedTrustedChannel(): () => Promise<TrustedChannel> {
  let current: Promise<TrustedChannel> | undefined;
  const forget = () => {
    current = undefined;
  };
  packChannelItem.watch(forget);
  packSubscriptionItem.watch(forget);
  watchManagedPolicy(forget);
  return () =>
    (current ??= readTrustedChannel().catch((error: unknown) => {
      current = undefined;
      throw error;
    }));
}

/** {@link cachedTrustedChannel}'s channel alone. */
export function cachedPackChannel(): () => Promise<PackChannelState | null> {
  const trusted = cachedTrustedChannel();
  return async () => (await trusted()).channel;
}
