import { readPublicKey } from '../../packs/signing';
import { createPackChannelState, type PackChannelState, type PackSubscription } from '../../packs/subscription';
import { readManagedPolicy } from './managed-policy';
import { packChannelItem, packSubscriptionItem } from './settings';



/** Reads the channel, starting a fresh one when there is none. */
export async function loadPackChannel(now: number): Promise<PackChannelState> {
  return (await packChannelItem.getValue()) ?? createPackChannelState(now);
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
