/** The record a page was opened for (`?record=ID`, from a follow-up notification), if any. */
export function recordIdFromSearch(search: string): string | undefined {
  const id = new URLSearchParams(search).get('record');
  return id === null || id === '' ? undefined : id;
}
