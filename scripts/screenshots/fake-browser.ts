/**
 * The gallery runs in a plain tab, not in the extension: modules that touch `browser` at load (the settings'
 * storage items) get WXT's in-memory fake instead. Nothing in the gallery's scenes reads or writes it.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';

export const browser = fakeBrowser;
export default fakeBrowser;
