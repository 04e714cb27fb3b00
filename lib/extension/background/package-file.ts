/**
 * Reads one of the package's own JSON files (the holiday tables, the built-in packs, the phone tables): what the
 * build ships beside background.js rather than inside it, so the worker compiles less at every start (issue 17).
 * A missing file or an HTTP error rejects with the path in the message.
 */
export async function fetchPackageJson(path: string): Promise<unknown> {
  // The typed getURL takes only the package's known public paths; these are written by the build (wxt.config.ts).
  const response = await fetch(browser.runtime.getURL(`/${path}` as '/managed-schema.json'));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}
