import { browser, type Browser } from 'wxt/browser';
import { envelope } from '../../protocol/envelope';
import type { MessageType, ProtocolMap } from '../../protocol/messages';

/*
 * The background's side of the message protocol: broadcasts to extension pages and who sent a message.
 * Requests to the background go through shared/messaging.ts.
 */

/** Broadcasts from the background to open extension pages; nobody listening is not an error. */
export async function broadcastToExtensionPages<T extends MessageType>(
  type: T,
  payload: ProtocolMap[T]['request'],
): Promise<void> {
  try {
    await browser.runtime.sendMessage(envelope(type, payload));
  } catch {
    // No side panel or options page is open.
  }
}

/** Who sent a runtime message, as the background classifies it. */
export type SenderKind = 'content' | 'extension' | 'unknown';

/**
 * Classifies a runtime message's sender. Extension pages have a URL under the extension's own origin; content
 * scripts have a tab and a web URL. Messages from other extensions never reach `onMessage`.
 */
export function classifySender(sender: Browser.runtime.MessageSender, extensionOrigin: string): SenderKind {
  if (sender.id !== undefined && sender.id !== browser.runtime.id) return 'unknown';
  const url = sender.url ?? '';
  if (url.startsWith(extensionOrigin)) return 'extension';
  if (sender.tab?.id !== undefined && /^https?:|^about:|^blob:|^data:/.test(url)) return 'content';
  return 'unknown';
}
