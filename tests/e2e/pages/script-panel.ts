import type { Page } from 'playwright-core';
import { waitFor } from '../../../scripts/lib/process-utils';

/** The call script section of the side panel (components/script/), driven like an agent: by keyboard. */
export class ScriptPanel {
  constructor(readonly page: Page) {}

  /** The pack switcher; new calls (and an untouched current call) use the chosen pack. */
  async choosePack(packId: string): Promise<void> {
    await this.page.getByTestId('script-pack').selectOption(packId);
  }

  previewText(): Promise<string> {
    return this.page.getByTestId('script-preview').innerText();
  }

  /** The current step's title. */
  stepTitle(): Promise<string> {
    return this.page.locator('#script-step-title').innerText();
  }

  async waitForStep(title: string, timeoutMs = 10_000): Promise<void> {
    await this.page.locator('#script-step-title').filter({ hasText: title }).waitFor({ timeout: timeoutMs });
  }

  /** Presses a key as the agent would (the panel listens on its document). */
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** Ticks the first unticked check of the step with the keyboard: C focuses it, Space ticks it. */
  async tickNextCheckByKeyboard(): Promise<void> {
    await this.press('c');
    const id = await this.page.evaluate(() => document.activeElement?.id ?? '');
    if (!id.startsWith('script-check-')) throw new Error(`C did not focus a check (focus on "${id}")`);
    await this.press('Space');
    await waitFor(async () => this.page.locator(`#${id}`).isChecked(), { timeoutMs: 5_000, what: `${id} to be ticked` });
  }

  /** The refusal the panel shows after a refused action. */
  async waitForRefusal(timeoutMs = 5_000): Promise<string> {
    const alert = this.page.getByTestId('script-refusal');
    await alert.waitFor({ timeout: timeoutMs });
    return alert.innerText();
  }

  wrapUpText(): Promise<string> {
    return this.page.locator('.script-wrap-up').innerText();
  }

  /** The current step's "say this" lines, as the agent reads them. */
  sayText(): Promise<string> {
    return this.page.locator('.script-say').innerText();
  }

  /** Types into the objection search, as the agent does when the customer raises something. */
  async search(query: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search objections and FAQ' }).fill(query);
  }

  /** The "never say" entries the search shows. */
  neverSayTexts(): Promise<string[]> {
    return this.page.getByTestId('script-never-say').allInnerTexts();
  }

  /** Presses an answer's "Go to: <step>" button with the keyboard. */
  async goToFromSearch(stepTitle: string): Promise<void> {
    await this.page.getByRole('button', { name: `Go to: ${stepTitle}`, exact: true }).press('Enter');
  }
}
