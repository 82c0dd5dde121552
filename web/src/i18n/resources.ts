// The translation trees: the core catalogues (en.json, zh-CN.json) plus one pair of files per
// feature in locales/ (`<feature>.en.json`, `<feature>.zh-CN.json`), so features add their words
// without editing one shared file.
import en from './en.json';
import zhCN from './zh-CN.json';

export type Tree = { [key: string]: string | Tree };

const featureFiles = import.meta.glob('./locales/*.json', { eager: true, import: 'default' }) as Record<
  string,
  Tree
>;

/** Feature catalogues of one language, by file name. */
export function featureCatalogues(lng: 'en' | 'zh-CN'): Record<string, Tree> {
  return Object.fromEntries(Object.entries(featureFiles).filter(([name]) => name.endsWith(`.${lng}.json`)));
}

/** Core plus feature catalogues; a top-level key lives in exactly one file (the catalogue test checks). */
function merged(core: Tree, lng: 'en' | 'zh-CN'): Tree {
  return Object.assign({}, core, ...Object.values(featureCatalogues(lng))) as Tree;
}

export const enTree = merged(en as Tree, 'en');
export const zhCNTree = merged(zhCN as Tree, 'zh-CN');
export const coreCatalogues = { en: en as Tree, 'zh-CN': zhCN as Tree };
