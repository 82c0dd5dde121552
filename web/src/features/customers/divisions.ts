// Pure: the lazily loaded province → city → district tree behind the region cascaders.

export type DivisionLevel = 'province' | 'city' | 'district';

export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  hasChildren: boolean;
}

export interface DivisionOption {
  value: string;
  label: string;
  level: DivisionLevel;
  isLeaf: boolean;
  children?: DivisionOption[];
}

const DEPTH: Record<DivisionLevel, number> = { province: 1, city: 2, district: 3 };

/** Options for one level; nothing below `maxLevel` is offered (a list filter stops at the city). */
export function toOptions(items: Division[], maxLevel: DivisionLevel): DivisionOption[] {
  return items.map((d) => ({
    value: d.code,
    label: d.name,
    level: d.level,
    isLeaf: !d.hasChildren || DEPTH[d.level] >= DEPTH[maxLevel],
  }));
}

/** A new tree with `children` hung under the option reached by `path` (codes from the top). */
export function attachChildren(
  options: DivisionOption[],
  path: string[],
  children: DivisionOption[],
): DivisionOption[] {
  const [head, ...rest] = path;
  return options.map((o) => {
    if (o.value !== head) return o;
    if (rest.length === 0) return { ...o, children };
    return { ...o, children: attachChildren(o.children ?? [], rest, children) };
  });
}

/** The codes along `path` whose children are not loaded yet, in order from the top. */
export function missingLevels(options: DivisionOption[], path: string[]): string[][] {
  const missing: string[][] = [];
  let level: DivisionOption[] | undefined = options;
  for (let i = 0; i < path.length - 1; i++) {
    const node: DivisionOption | undefined = level?.find((o) => o.value === path[i]);
    if (!node || node.isLeaf) break;
    if (!node.children) missing.push(path.slice(0, i + 1));
    level = node.children;
  }
  return missing;
}

/** The names along `path`, as far as they are loaded. */
export function labelsOf(options: DivisionOption[], path: string[]): string[] {
  const labels: string[] = [];
  let level: DivisionOption[] | undefined = options;
  for (const code of path) {
    const node: DivisionOption | undefined = level?.find((o) => o.value === code);
    if (!node) break;
    labels.push(node.label);
    level = node.children;
  }
  return labels;
}
