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

/** A function from one catalog's keys (and `{name}` parameters) to text. */
export type CatalogTranslate<K extends string> = (key: K, params?: Record<string, string | number>) => string;

/**
 * The translator for one catalog (or the merged UI catalog) in one language. Code that runs in someone else's
 * page (the pre-dial guard) takes only its own catalog rather than every feature's strings.
 */
export function createCatalogTranslator<K extends string>(
  catalog: { en: { readonly [key in K]: string }; 'zh-CN': { readonly [key in K]: string } },
  language: 'en' | 'zh-CN',
): CatalogTranslate<K> {
  const texts = catalog[language];
  return (key, params) => {
    const text = texts[key];
    return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : text;
  };
}
