import { DemoCustomerPage } from './demo-phone-page';
import type { SidePanelPage } from './side-panel-page';

/**
 * The customer's phone on SIP.js (demo/customer-sipjs.html). Same controls and `data-call-state` as the JsSIP
 * customer; it also says why a call ended, e.g. "ended (Busy Here)".
 */
export class SipJsCustomerPage extends DemoCustomerPage {
  /** The phone's own call line, e.g. "connected" or "ended (Canceled)". */
  async callStateText(): Promise<string> {
    return (await this.page.textContent('#call-state')) ?? '';
  }
}

/** What the side panel shows beyond the call card: how many call cards, and the recent-calls list. */
export class CallScenarioPanel {
  constructor(readonly panel: SidePanelPage) {}

  /** The panel shows one call at a time; more than one card would mean two calls competing for the agent. */
  callCardCount(): Promise<number> {
    return this.panel.page.locator('.call-card').count();
  }

  /** Each line of the recent-calls list, newest first. */
  recentCalls(): Promise<string[]> {
    return this.panel.page.getByTestId('recent-call').allInnerTexts();
  }
}
