import type { GuardVerdict } from '../../compliance/pre-dial';
import type { CallSignalReply } from '../../protocol/call-messages';
import type { PortOutcome } from '../shared/ports';

/**
 * The guard's verdict from the background's reply to a call signal; `undefined` when the signal was refused or
 * never delivered (the guard then stays away and the background still records what it can).
 */
export async function verdictOf(sent: Promise<PortOutcome>): Promise<GuardVerdict | undefined> {
  const outcome = await sent;
  if (!outcome.ok) return undefined;
  return (outcome.reply as CallSignalReply | undefined)?.verdict;
}
