import type { Page } from 'playwright-core';

/** What the tap keeps of one message a side panel's own listeners were handed. */
export interface TappedPanelMessage {
  /** The panel port (`onscript:panel`), or a `MessageChannel` the page made (Chrome's direct channel from the worker). */
  via: 'port' | 'channel';
  /** `performance.timeOrigin + now()` when the listener was handed it. */
  at: number;
  type: string;
  /** The phases of the calls a tab state carries, in order. */
  phases: string[];
}

/**
 * Installs, in a side panel page before its scripts run, a tap on what the panel's own listeners are handed: on its
 * panel port and on the first port of every `MessageChannel` it makes. Each message is recorded in
 * `window.__panelTap` before the panel's listener runs, so `at` is when the panel had it in hand. Playwright runs
 * the function in the page (it is serialised: it uses nothing from here); reload the page after adding it.
 */
export async function tapPanelMessages(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tapped: TappedPanelMessage[] = [];
    (window as unknown as { __panelTap: TappedPanelMessage[] }).__panelTap = tapped;
    const record = (via: TappedPanelMessage['via'], message: any) =>
      tapped.push({
        via,
        at: performance.timeOrigin + performance.now(),
        type: String(message?.type ?? ''),
        phases: Object.values(message?.payload?.calls ?? {}).map((call: any) => String(call?.phase)),
      });
    type Port = { name: string; onMessage: { addListener(l: (m: any, p: unknown) => void): void } };
    const runtime = (globalThis as unknown as { chrome: { runtime: { connect(o: { name: string }): Port } } }).chrome.runtime;
    const connect = runtime.connect.bind(runtime);
    runtime.connect = (options) => {
      const port = connect(options);
      if (port.name !== 'onscript:panel') return port;
      const add = port.onMessage.addListener.bind(port.onMessage);
      port.onMessage.addListener = (listener) => add((message, from) => (record('port', message), listener(message, from)));
      return port;
    };
    const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage')!;
    const Native = window.MessageChannel;
    window.MessageChannel = class extends Native {
      constructor() {
        super();
        const port = this.port1;
        Object.defineProperty(port, 'onmessage', {
          get: () => onmessage.get!.call(port),
          set: (handler: ((event: MessageEvent) => void) | null) =>
            onmessage.set!.call(port, handler && ((event: MessageEvent) => (record('channel', event.data), handler.call(port, event)))),
        });
      }
    };
  });
}

/** What the tap has recorded in `page`, from the `from`th message on. */
export function readPanelTap(page: Page, from = 0): Promise<TappedPanelMessage[]> {
  return page.evaluate((from) => (window as unknown as { __panelTap?: TappedPanelMessage[] }).__panelTap?.slice(from) ?? [], from);
}
