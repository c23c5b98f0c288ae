import { api, query } from '../../shared/api';
import type { Page } from '../../shared/types';

type Params = Record<string, string | number | boolean | undefined | null>;

/**
 * Every item of a keyset-paged list, page by page (200 at a time), up to `max` items: for
 * exports and for the week's figures, which need the whole range rather than one screenful.
 */
export async function fetchAllPages<T>(path: string, params: Params, max = 5000): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api.get<Page<T>>(`${path}${query({ ...params, limit: 200, cursor })}`);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && items.length < max);
  return { items, complete: cursor === null };
}
