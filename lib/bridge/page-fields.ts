import type { CallSignal } from '../calls/types';

/** Calls whose last reported fields a frame remembers; older ones are forgotten (the page keeps no history). */
const REMEMBERED_CALLS = 16;

/**
 * Reports what the page shows about a call's debtor (its DOM rule's fields) when it changes: read at each of the
 * call's signals while it is live (CRM pages often fill in once the call connects), sent only when different
 * from what was last sent for that call.
 */
export function createPageFieldsReporter(send: (callKey: string, fields: Record<string, string>) => void) {
  const sent = new Map<string, string>();
  return {
    observe(signal: Pick<CallSignal, 'callKey' | 'phase'>, read: () => Record<string, string>): void {
      if (signal.phase === 'ended') {
        sent.delete(signal.callKey);
        return;
      }
      const fields = read();
      const key = JSON.stringify(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)));
      if (Object.keys(fields).length === 0 || sent.get(signal.callKey) === key) return;
      sent.delete(signal.callKey);
      sent.set(signal.callKey, key);
      if (sent.size > REMEMBERED_CALLS) sent.delete(sent.keys().next().value!);
      send(signal.callKey, fields);
    },
  };
}
