import type { GuardVerdict } from '../../compliance/pre-dial';
import type { CallSignalReply } from '../../protocol/call-messages';
import type { PortOutcome } from '../shared/ports';

/**
 * The guard's verdict from the background's reply to a call signal; `undefined` when the signal was refused or
 * never delivered (the guard then stays away and the background still records what it can). A refusal is never
 * taken for delivery: it is logged with the background's reason (a signal over the tab's limits, a malformed one),
 * where whoever debugs the dialer page looks.
 */
export async function verdictOf(
  sent: Promise<PortOutcome>,
  log: (...message: unknown[]) => void = (...message) => console.warn(...message),
): Promise<GuardVerdict | undefined> {
  const outcome = await sent;
  if (!outcome.ok) {
    log('OnScript: the background did not record a call signal:', outcome.error);
    return undefined;
  }
  return (outcome.reply as CallSignalReply | undefined)?.verdict;
}
