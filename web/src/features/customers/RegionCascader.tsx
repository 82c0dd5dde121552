import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Cascader, Input, Space, Tooltip } from 'antd';
import { useCallback, useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { attachChildren, missingLevels, toOptions, type Division, type DivisionLevel } from './divisions';
import type { DivisionOption } from './divisions';

const divisionsKey = (parent: string) => ['divisions', parent] as const;

function listDivisions(parent?: string) {
  return api.get<{ items: Division[] }>('/divisions', { parent });
}

/** Provinces up front, cities and districts fetched when opened (and along a stored value's path). */
function useDivisionTree(maxLevel: DivisionLevel) {
  const queryClient = useQueryClient();
  const top = useQuery({
    queryKey: divisionsKey(''),
    queryFn: () => listDivisions(),
    staleTime: Infinity,
    retry: false,
  });
  const [options, setOptions] = useState<DivisionOption[]>([]);
  const latest = useRef<DivisionOption[]>([]);
  const update = useCallback((next: (old: DivisionOption[]) => DivisionOption[]) => {
    latest.current = next(latest.current);
    setOptions(latest.current);
  }, []);

  useEffect(() => {
    if (top.data && latest.current.length === 0) update(() => toOptions(top.data.items, maxLevel));
  }, [top.data, maxLevel, update]);

  const loadPath = useCallback(
    async (path: string[]) => {
      const parent = path[path.length - 1] ?? '';
      const children = await queryClient.fetchQuery({
        queryKey: divisionsKey(parent),
        queryFn: () => listDivisions(parent),
        staleTime: Infinity,
      });
      update((old) => attachChildren(old, path, toOptions(children.items, maxLevel)));
    },
    [queryClient, maxLevel, update],
  );

  /** Loads what a stored value needs to show its names. */
  const ensure = useCallback(
    async (value: string[]) => {
      for (let guard = 0; guard < 3; guard++) {
        const [next] = missingLevels(latest.current, value);
        if (!next) return;
        await loadPath(next);
      }
    },
    [loadPath],
  );

  return { options, ready: options.length > 0, unavailable: top.isError, loadPath, ensure };
}

interface Props {
  value?: string[] | null;
  onChange?: (value: string[] | undefined) => void;
  /** The deepest level offered: the form picks a district, a list filter stops at the city. */
  maxLevel?: DivisionLevel;
  /** Names of the stored value, shown until the tree has loaded them. */
  names?: (string | null)[];
  placeholder?: string;
  style?: CSSProperties;
  testId?: string;
}

/**
 * Province / city / district by official codes. Until the divisions endpoint answers (an older
 * server), names are typed instead — the server accepts names and resolves them.
 */
export function RegionCascader({
  value,
  onChange,
  maxLevel = 'district',
  names,
  placeholder,
  style,
  testId,
}: Props) {
  const { t } = useTranslation();
  const tree = useDivisionTree(maxLevel);
  const { ensure, ready } = tree;
  const key = (value ?? []).join('/');

  useEffect(() => {
    if (ready && key) void ensure(key.split('/')).catch(() => undefined);
  }, [ready, key, ensure]);

  if (tree.unavailable) {
    const levels: DivisionLevel[] =
      maxLevel === 'city' ? ['province', 'city'] : ['province', 'city', 'district'];
    const shown = levels.map((_, i) => {
      const v = value?.[i] ?? '';
      // A stored code reads better as its name.
      return /^\d+$/.test(v) && names?.[i] ? (names[i] ?? v) : v;
    });
    return (
      <Tooltip title={t('customers.region.typeNames')}>
        <Space.Compact style={{ width: '100%', ...style }} data-testid={testId}>
          {levels.map((level, i) => (
            <Input
              key={level}
              allowClear
              value={shown[i]}
              placeholder={t(`customers.region.${level}`)}
              onChange={(e) => {
                const next = levels.map((_, j) => (j === i ? e.target.value : (value?.[j] ?? '')));
                while (next.length && !next[next.length - 1]) next.pop();
                onChange?.(next.length ? next : undefined);
              }}
            />
          ))}
        </Space.Compact>
      </Tooltip>
    );
  }

  return (
    <Cascader
      value={value ?? undefined}
      options={tree.options}
      loadData={(selected) => {
        const path = selected.map((o) => String(o.value));
        void tree.loadPath(path).catch(() => undefined);
      }}
      onChange={(next) => onChange?.(next?.length ? next.map(String) : undefined)}
      changeOnSelect
      allowClear
      showSearch
      loading={!tree.ready}
      placeholder={placeholder ?? t('customers.region.placeholder')}
      displayRender={(labels) =>
        labels
          .map((label, i) =>
            typeof label === 'string' && /^\d+$/.test(label) ? (names?.[i] ?? label) : label,
          )
          .join(' / ')
      }
      style={{ width: '100%', ...style }}
      data-testid={testId}
    />
  );
}
