/**
 * A profile whose breaches only warn (the UK's), so a scene's demo call is never ended by the pre-dial guard.
 * The demo numbers are outside their calling window for part of every day, and on a blocking profile the guard
 * now cancels such attempts before they are answered: scenes that test something else set this so they hold at
 * any hour. The compliance test chooses its own profile afterwards.
 */
export const WARN_ONLY_PROFILE = 'UK-FCA';

/** What Playwright's and Puppeteer's pages have in common here. */
interface ScriptablePage {
  evaluate(script: (profileId: string) => Promise<void>, profileId: string): Promise<unknown>;
}

/** Chooses {@link WARN_ONLY_PROFILE} from an extension page (Playwright's Chromium or Puppeteer's Firefox). */
export async function useWarnOnlyCompliance(extensionPage: ScriptablePage): Promise<void> {
  await extensionPage.evaluate(async (profileId) => {
    type Area = { local: { set(items: object): Promise<void> } };
    const api = globalThis as unknown as { browser?: { storage: Area }; chrome?: { storage: Area } };
    await (api.browser ?? api.chrome)!.storage.local.set({ 'compliance.profileId': profileId });
  }, WARN_ONLY_PROFILE);
}
