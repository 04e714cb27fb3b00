/**
 * Declares one feature's UI strings: English is the reference, and the Chinese catalog must have exactly the
 * same keys (the type enforces it, so a missing translation fails the type-check).
 */
export function defineCatalog<const T extends Record<string, string>>(
  en: T,
  zhCN: { readonly [K in keyof T]: string },
): { en: T; 'zh-CN': { readonly [K in keyof T]: string } } {
  return { en, 'zh-CN': zhCN };
}
