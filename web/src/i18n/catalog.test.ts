import { describe, expect, it } from 'vitest';
import { coreCatalogues, enTree as en, featureCatalogues, zhCNTree as zhCN, type Tree } from './resources';

function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}

function lookup(tree: Tree, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Tree)[part] : undefined),
      tree,
    );
}

// Every source file of the UI, as text, to find the literal keys it asks for.
const sources = import.meta.glob(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

describe('translations', () => {
  it('a top-level key lives in exactly one catalogue file', () => {
    for (const lng of ['en', 'zh-CN'] as const) {
      const seen = new Map<string, string>(Object.keys(coreCatalogues[lng]).map((k) => [k, 'core']));
      for (const [file, tree] of Object.entries(featureCatalogues(lng)))
        for (const key of Object.keys(tree)) {
          expect(seen.get(key), `${file}: ${key}`).toBeUndefined();
          seen.set(key, file);
        }
    }
  });

  it('zh-CN and en have exactly the same keys', () => {
    expect(keysOf(en as Tree).sort()).toEqual(keysOf(zhCN as Tree).sort());
  });

  it('no translation is empty', () => {
    for (const [name, tree] of Object.entries({ en, zhCN })) {
      for (const key of keysOf(tree as Tree))
        expect(lookup(tree as Tree, key), `${name}:${key}`).not.toBe('');
    }
  });

  it('every literal key used in the code exists in both languages', () => {
    const used = new Set<string>();
    for (const text of Object.values(sources)) {
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) used.add(match[1] ?? '');
      for (const match of text.matchAll(
        /(?:labelKey: |Key\(\w*\)|return )'((?:nav|dashboard)\.[a-zA-Z0-9_.]+)'/g,
      ))
        used.add(match[1] ?? '');
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter(
      (key) => typeof lookup(en as Tree, key) !== 'string' || typeof lookup(zhCN as Tree, key) !== 'string',
    );
    expect(missing).toEqual([]);
  });
});
