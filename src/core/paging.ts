import { z } from 'zod';

/** The page of a server-side list: `?page=2&pageSize=50`; every list of records takes these two. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

/** A page of a list as every list endpoint answers it. */
export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
}

export interface PageRequest {
  page: number;
  pageSize: number;
}

/** Rows to skip and to take for a page. */
export function rowRange(query: PageRequest): { offset: number; limit: number } {
  return { offset: (query.page - 1) * query.pageSize, limit: query.pageSize };
}

export function page<Item>(query: PageRequest, items: Item[], total: number) {
  return { items, total, page: query.page, pageSize: query.pageSize };
}
