/**
 * Twilio Flex: an agent desktop that embeds the Twilio Voice JS SDK. It posts no CTI events; detection reads the
 * SDK's signaling socket (`wss://*.twilio.com/signal`) with the tracker in twilio.ts, which serves any page using
 * the SDK. This declaration is what the options page offers for Flex and what the README lists.
 */
import { defineVendor } from './define-vendor';

/** Twilio Flex, read from the Voice SDK's signaling socket in its page. */
export default defineVendor({
  id: 'twilio-flex',
  name: 'Twilio Flex',
  layer: 'signaling',
  source: 'twilio-ws',
  dialers: [{ id: 'twilio-flex', name: 'Twilio Flex', matches: ['https://flex.twilio.com/*'] }],
});

/**
 * Test pages
 *
 * - Targets: `https://flex.twilio.com/agent-desktop/`, which opens `wss://voice-js.<edge>.twilio.com/signal`.
 * - Fixture: a local WebSocket server that answers the SDK's frames (`invite` → `ringing`, `answer`, `hangup`), or
 *   captured frames fed to `createTwilioTracker().handleFrame()`. Flex delivers every agent leg as an incoming
 *   call, so an outbound Flex call reads as inbound: the SDK's view.
 */
