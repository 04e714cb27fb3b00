import type { Page } from 'playwright-core';
import { waitFor } from '../../../scripts/lib/process-utils';

/** The call states the demo softphone puts on `<body data-call-state>`. */
export type DemoCallState = 'idle' | 'calling' | 'ringing' | 'incoming' | 'connected' | 'held' | 'ended';

/** Shared by the demo dialer and the demo customer: both are one-line JsSIP phones. */
class DemoPhonePage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<this> {
    await this.page.goto(url);
    await waitFor(async () => /registered as/.test((await this.page.textContent('#registration')) ?? ''), {
      timeoutMs: 15_000,
      what: `${new URL(url).pathname} to register with the SIP server`,
    });
    return this;
  }

  /** Waits for the phone's own view of the call. */
  async waitForState(state: DemoCallState, timeoutMs = 15_000): Promise<void> {
    await this.page.waitForSelector(`body[data-call-state="${state}"]`, { timeout: timeoutMs, state: 'attached' });
  }

  async hangUp(): Promise<void> {
    await this.page.getByRole('button', { name: 'Hang up' }).click();
  }
}

/** The agent's demo dialer (where OnScript runs). */
export class DemoDialerPage extends DemoPhonePage {
  /** Types a number, keypad-style, and presses Call. */
  async dial(number: string): Promise<void> {
    await this.page.getByLabel('Number to call').fill(number);
    await this.page.getByRole('button', { name: 'Call' }).click();
  }

  async toggleHold(): Promise<void> {
    await this.page.locator('#hold').click();
  }

  async answer(): Promise<void> {
    await this.page.getByRole('button', { name: 'Answer' }).click();
  }

  async decline(): Promise<void> {
    await this.page.getByRole('button', { name: 'Decline' }).click();
  }
}

/** The customer's demo phone: answers by itself; can call the agent. */
export class DemoCustomerPage extends DemoPhonePage {
  async callAgent(): Promise<void> {
    await this.page.getByRole('button', { name: 'Call the agent' }).click();
  }
}
