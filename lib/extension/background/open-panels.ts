import { browser } from 'wxt/browser';

/** The side panel's page; a panel opened in a tab (`?tabId=N`, a reminder's record) is the same page. */
const PANEL_PATH = '/sidepanel.html';

interface ChromeContexts {
  getContexts(filter: { contextTypes: string[] }): Promise<{ documentUrl?: string }[]>;
}

/**
 * How many OnScript side panels are open, so the background can tell each panel once: over its port when every
 * panel has one, else by broadcast (a panel whose port died with an earlier worker has none). Chrome's worker asks
 * `runtime.getContexts` (Chrome 116+), Firefox's background page `extension.getViews`. `undefined` when neither
 * can tell.
 */
export async function countOpenPanels(): Promise<number | undefined> {
  const contexts = (globalThis as { chrome?: { runtime?: Partial<ChromeContexts> } }).chrome?.runtime;
  if (typeof contexts?.getContexts === 'function') {
    const found = await contexts.getContexts({ contextTypes: ['SIDE_PANEL', 'TAB'] });
    return found.filter((context) => isPanelUrl(context.documentUrl)).length;
  }
  const getViews = (browser as unknown as { extension?: { getViews?: () => Window[] } }).extension?.getViews;
  if (typeof getViews === 'function') return getViews().filter((view) => view.location.pathname === PANEL_PATH).length;
  return undefined;
}

function isPanelUrl(url: string | undefined): boolean {
  try {
    return url !== undefined && new URL(url).pathname === PANEL_PATH;
  } catch {
    return false;
  }
}
