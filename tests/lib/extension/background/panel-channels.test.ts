import { describe, expect, it } from 'vitest';
import { createPanelChannels, MAX_UNPAIRED_CHANNELS, type PanelChannelEvent } from '../../../../lib/extension/background/panel-channels';

const ORIGIN = 'chrome-extension://abcdefghijklmnop/';

/** A panel port or a direct channel's worker end, recording what it was sent and whether it was closed. */
function endpoint(name: string) {
  return { name, sent: [] as unknown[], closed: false, postMessage(m: unknown) { this.sent.push(m); }, close() { this.closed = true; } };
}
type Endpoint = ReturnType<typeof endpoint>;

const offer = (token: string, channel: Endpoint | undefined, url = `${ORIGIN}sidepanel.html`, type = 'window'): PanelChannelEvent => ({
  data: { panelChannel: token },
  source: { url, type },
  ports: channel ? [channel] : [],
});

describe('direct channels from the worker to side panels', () => {
  it('pairs a panel port with the channel carrying its token, whichever comes first, and sends its pushes there', () => {
    const channels = createPanelChannels<Endpoint>(ORIGIN);
    const first = endpoint('port 1');
    const second = endpoint('port 2');
    const firstChannel = endpoint('channel 1');
    const secondChannel = endpoint('channel 2');
    expect(channels.target(first)).toBe(first);

    channels.portMessage(first, { panelChannel: 'token-1' });
    expect(channels.workerMessage(offer('token-1', firstChannel))).toBe(true);
    expect(channels.workerMessage(offer('token-2', secondChannel))).toBe(true);
    expect(channels.target(second)).toBe(second);
    channels.portMessage(second, { panelChannel: 'token-2' });

    expect(channels.target(first)).toBe(firstChannel);
    expect(channels.target(second)).toBe(secondChannel);
    expect(channels.pairedCount).toBe(2);
  });

  it("closes a panel's channel when its port closes, and forgets a token whose channel never came", () => {
    const channels = createPanelChannels<Endpoint>(ORIGIN);
    const port = endpoint('port');
    const channel = endpoint('channel');
    channels.portMessage(port, { panelChannel: 'token' });
    channels.workerMessage(offer('token', channel));
    channels.portClosed(port);
    expect(channel.closed).toBe(true);
    expect(channels.pairedCount).toBe(0);

    const waiting = endpoint('waiting port');
    channels.portMessage(waiting, { panelChannel: 'late' });
    channels.portClosed(waiting);
    const late = endpoint('late channel');
    channels.workerMessage(offer('late', late));
    expect(channels.target(waiting)).toBe(waiting);
  });

  it("refuses offers from anything but the extension's own pages, and leaves other messages to other listeners", () => {
    const channels = createPanelChannels<Endpoint>(ORIGIN);
    const port = endpoint('port');
    channels.portMessage(port, { panelChannel: 'token' });
    expect(channels.workerMessage(offer('token', endpoint('from a site'), 'https://evil.example/'))).toBe(true);
    expect(channels.workerMessage(offer('token', endpoint('from a worker'), `${ORIGIN}sidepanel.html`, 'worker'))).toBe(true);
    expect(channels.workerMessage(offer('token', undefined))).toBe(true);
    expect(channels.target(port)).toBe(port);
    // An export request on the same event is not an offer.
    expect(channels.workerMessage({ data: { protocol: 'onscript/1', type: 'notes/export-page' }, source: { url: ORIGIN }, ports: [] })).toBe(false);
    expect(channels.workerMessage({ data: { panelChannel: 'x'.repeat(65) }, source: { url: ORIGIN }, ports: [endpoint('c')] })).toBe(false);
  });

  it('keeps at most a few unpaired channels, closing the oldest', () => {
    const channels = createPanelChannels<Endpoint>(ORIGIN);
    const offered = Array.from({ length: MAX_UNPAIRED_CHANNELS + 2 }, (_, i) => endpoint(`channel ${i}`));
    offered.forEach((channel, i) => channels.workerMessage(offer(`token-${i}`, channel)));
    expect(offered.map((channel) => channel.closed)).toEqual(offered.map((_, i) => i < 2));
    const port = endpoint('port');
    channels.portMessage(port, { panelChannel: 'token-0' });
    expect(channels.target(port)).toBe(port);
    channels.portMessage(port, { panelChannel: `token-${MAX_UNPAIRED_CHANNELS + 1}` });
    expect(channels.target(port)).toBe(offered.at(-1));
  });
});
