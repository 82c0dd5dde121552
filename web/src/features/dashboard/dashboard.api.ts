import { api, type ListPage } from '../../api/client';

/** The total of a list without fetching its rows. */
export async function countOf(path: string, query: Record<string, string> = {}): Promise<number> {
  const page = await api.get<ListPage<unknown>>(path, { ...query, limit: 1 });
  return page.total;
}

export const dashboardKey = ['dashboard'] as const;
