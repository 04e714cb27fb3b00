import { readPublicKey } from '../../packs/signing';
import { createPackChannelState, verifyStoredChannel, type PackChannelState, type PackSubscription } from '../../packs/subscription';
import { readManagedPolicy } from './managed-policy';
import { packChannelItem, packSubscriptionItem } from './settings';



/**
 * Reads the channel as it may be used, starting a fresh one when there is none: its packs re-verified from their
 * signed files against the subscription in force (storage.local is not the background's alone, so what was verified
 * when it arrived is verified again when it is read). With no subscription, no team pack is trusted.
 */
export async function loadPackChannel(now: number): Promise<PackChannelState> {
  return (await readTrustedChannel(now)).channel ?? createPackChannelState(now);
}

/** {@link loadPackChannel} for the channel's readers, or `null` when there is no channel yet. */
export async function readPackChannel(now = Date.now()): Promise<PackChannelState | null> {
  return (await readTrustedChannel(now)).channel;
}

/**
 * One read of the channel and of the subscription in force, the channel's packs verified against it: for readers
 * that also need to know whether the administrator's policy names the channel.
 */
export async function readTrustedChannel(now = Date.now()): Promise<TrustedChannel> {
  const [stored, { subscription, managed }] = await Promise.all([packChannelItem.getValue(), effectivePackSubscription()]);
  const channel = stored ? await verifyStoredChannel(stored, subscription?.publicKeys ?? [], now) : null;
  // The active pack dropped by verification (changed in storage, or signed with a key no longer trusted).
  const withheld = stored?.active && channel && !channel.active ? (channel.lastError ?? 'the stored team pack does not verify') : undefined;
  return { channel, managed, ...(withheld ? { withheld } : {}) };
}

/** The channel with its packs verified, whether a policy names it, and why the active team pack is withheld. */
export interface TrustedChannel {
  channel: PackChannelState | null;
  managed: boolean;
  /**
   * Set when the channel has an active team pack that no longer verifies: its rules cannot be known, so verdicts
   * block until a verified pack is downloaded again (background/features/packs-feature.ts asks for it at once).
   */
  withheld?: string;
}

/** The enterprise policy keys OnScript reads from managed storage (see public/managed-schema.json). */
interface ManagedPolicy {
  packUrl?: string;
  packPublicKey?: string;
  packPinnedVersion?: string;
  packIntervalMinutes?: number;
}

/**
 * The subscription in force: an administrator's policy wins over the agent's own choice.
 */
export async function effectivePackSubscription(): Promise<{ subscription: PackSubscription | null; managed: boolean }> {
  // Shapes are checked below: the administrator may have written anything.
  const policy = (await readManagedPolicy(['packUrl', 'packPublicKey', 'packPinnedVersion', 'packIntervalMinutes'])) as ManagedPolicy;
  if (typeof policy.packUrl === 'string' && typeof policy.packPublicKey === 'string') {
    const key = await readPublicKey(policy.packPublicKey);
    if (key.ok) {
      const subscription: PackSubscription = {
        url: policy.packUrl,
        publicKeys: [key.key],
        intervalMinutes: typeof policy.packIntervalMinutes === 'number' ? policy.packIntervalMinutes : 15,
        source: 'policy',
      };
      if (typeof policy.packPinnedVersion === 'string' && policy.packPinnedVersion) subscription.pinnedVersion = policy.packPinnedVersion;
      return { subscription, managed: true };
    }
  }
  return { subscription: await packSubscriptionItem.getValue(), managed: false };
}
