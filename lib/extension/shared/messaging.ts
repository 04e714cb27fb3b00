import { browser, type Browser } from 'wxt/browser';
import { envelope } from '../../protocol/envelope';
import type { MessageType, ProtocolMap } from '../../protocol/messages';

/**
 * The extension-API side of the message protocol. Only this file calls `runtime.sendMessage`; everything else
 * names a type from {@link ProtocolMap} and gets its typed response.
 */
export async function sendToBackground<T extends MessageType>(
  type: T,
  payload: ProtocolMap[T]['request'],
): Promise<ProtocolMap[T]['response']> {
  const reply = (await browser.runtime.sendMessage(envelope(type, payload))) as
    | { ok: true; value: ProtocolMap[T]['response'] }
    | { ok: false; error: string }
    | undefined;
  if (!reply) throw new Error(`OnScript background did not answer ${type}`);
  if (!reply.ok) throw new Error(`OnScript background refused ${type}: ${reply.error}`);
  return reply.value;
}

/**
 * Whether a runtime message comes from OnScript's own background (not a dialer page, not another extension):
 * what extension pages and content scripts check before acting on one.
 */
export function isFromBackground(sender: Browser.runtime.MessageSender, extensionOrigin: string, extensionId: string): boolean {
  if (sender.tab !== undefined) return false;
  if (sender.id !== undefined && sender.id !== extensionId) return false;
  return sender.url === undefined || sender.url.startsWith(extensionOrigin);
}
