import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBulkReplyListener, type BulkMessageEvent, type BulkReply } from '../../../../lib/extension/background/bulk-replies';
import { readBulkReply, requestInBulk, type BulkWorkerContainer } from '../../../../lib/extension/pages/bulk-channel';
import { envelope } from '../../../../lib/protocol/envelope';

const ORIGIN = 'chrome-extension://abc/';
const exportRequest = envelope('notes/export-page', { format: 'csv', startMs: 0, endMs: 1, timeZone: 'UTC', written: 0, limit: 2 });

/** One message event as the worker gets it, with the reply port recording what it is sent. */
function messageEvent(data: unknown, url = `${ORIGIN}sidepanel.html`, type = 'window') {
  const sent: { message: BulkReply; transfer: Transferable[] }[] = [];
  const waits: Promise<unknown>[] = [];
  const event: BulkMessageEvent = {
    data,
    source: { url, type },
    ports: [{ postMessage: (message, transfer) => sent.push({ message: message as BulkReply, transfer }) }],
    waitUntil: (promise) => waits.push(promise),
  };
  return { event, sent, settled: () => Promise.all(waits) };
}

describe('the bulk channel in the worker', () => {
  it('answers an export page with its text as UTF-8 bytes whose buffer is transferred, the byte order mark kept', async () => {
    const answer = vi.fn(async () => ({ ok: true as const, value: { text: '\uFEFFcall_id,notes\r\nc1,客户\r\n', written: 1, finished: true } }));
    const { event, sent, settled } = messageEvent(exportRequest);
    createBulkReplyListener({ extensionOrigin: ORIGIN, extensionId: 'abc', answer })(event);
    await settled();
    expect(answer).toHaveBeenCalledWith(exportRequest, { id: 'abc', url: `${ORIGIN}sidepanel.html` });
    const [{ message, transfer }] = sent as [(typeof sent)[0]];
    expect(message).toMatchObject({ ok: true, value: { text: '', written: 1, finished: true } });
    const bytes = (message as { text: Uint8Array }).text;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(transfer).toEqual([bytes.buffer]);
    expect(readBulkReply('notes/export-page', message)).toEqual({ text: '\uFEFFcall_id,notes\r\nc1,客户\r\n', written: 1, finished: true });
  });

  it('answers only the extension’s own pages, and only the requests it carries', async () => {
    const answer = vi.fn(async () => ({ ok: true as const, value: { text: 'x' } }));
    const listen = createBulkReplyListener({ extensionOrigin: ORIGIN, extensionId: 'abc', answer });
    const foreign = messageEvent(exportRequest, 'https://dialer.example/');
    listen(foreign.event);
    const fromWorker = messageEvent(exportRequest, `${ORIGIN}background.js`, 'worker');
    listen(fromWorker.event);
    expect(foreign.sent).toEqual([]);
    expect(fromWorker.sent).toEqual([]);
    const notBulk = messageEvent(envelope('notes/save', { callId: 'c1', notes: 'x' }));
    listen(notBulk.event);
    expect(notBulk.sent.map((s) => s.message)).toEqual([{ ok: false, error: 'not a bulk request' }]);
    expect(answer).not.toHaveBeenCalled();
  });

  it('passes on the background’s refusal and a failure as errors', async () => {
    const refusing = messageEvent(exportRequest);
    createBulkReplyListener({ extensionOrigin: ORIGIN, extensionId: 'abc', answer: async () => ({ ok: false, error: 'bad limit' }) })(refusing.event);
    await refusing.settled();
    expect(refusing.sent.map((s) => s.message)).toEqual([{ ok: false, error: 'bad limit' }]);
    expect(() => readBulkReply('notes/export-page', refusing.sent[0]!.message)).toThrow('OnScript background refused notes/export-page: bad limit');
    expect(() => readBulkReply('notes/export-page', { ok: true, value: {}, text: 'not bytes' })).toThrow(/malformed/);
    expect(() => readBulkReply('notes/export-page', 'hello')).toThrow(/malformed/);
  });
});

describe('the bulk channel in a page', () => {
  it('posts the envelope with a port to the active worker and reads the bytes back as text', async () => {
    const posted: unknown[] = [];
    const container: BulkWorkerContainer = {
      getRegistration: async () => ({
        active: {
          postMessage(message, transfer) {
            posted.push(message);
            const port = transfer[0] as MessagePort;
            const text = new TextEncoder().encode('\uFEFFa,b\r\n');
            port.postMessage({ ok: true, value: { text: '', written: 1, finished: true }, text }, [text.buffer]);
          },
        },
      }),
    };
    const page = await requestInBulk('notes/export-page', exportRequest.payload, container);
    expect(posted).toEqual([exportRequest]);
    expect(page).toEqual({ text: '\uFEFFa,b\r\n', written: 1, finished: true });
  });

  it('asks again over runtime messaging when the worker never answers on the port (stopped mid-request)', async () => {
    const silent: BulkWorkerContainer = { getRegistration: async () => ({ active: { postMessage: () => undefined } }) };
    const asked: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      asked.push(message);
      return Promise.resolve({ ok: true, value: { text: 'a,b\r\n', written: 1, finished: true } });
    });
    const page = await requestInBulk('notes/export-page', exportRequest.payload, silent, 20);
    expect(asked).toEqual([exportRequest]);
    expect(page).toEqual({ text: 'a,b\r\n', written: 1, finished: true });
    fakeBrowser.reset();
  });
});
