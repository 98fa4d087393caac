import type { Category } from '@regulars/contracts';

export type CategoryNode = {
  key: string;
  value: string;
  title: string;
  children: CategoryNode[];
};

/** The category tree from the flat list (parentId), siblings by position then name. */
export function buildTree(categories: Category[]): CategoryNode[] {
  const byParent = new Map<string | null, Category[]>();
  for (const c of categories) {
    const list = byParent.get(c.parentId) ?? [];
    list.push(c);
    byParent.set(c.parentId, list);
  }
  const known = new Set(categories.map((c) => c.categoryId));
  const nodes = (parent: string | null): CategoryNode[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
      .map((c) => ({
        key: c.categoryId,
        value: c.categoryId,
        title: c.name,
        children: nodes(c.categoryId),
      }));
  // A category whose parent is missing still shows, at the top.
  const orphans = categories.filter((c) => c.parentId && !known.has(c.parentId));
  return [...nodes(null), ...orphans.flatMap((o) => nodes(o.parentId))];
}

/** "Hot pot / Broth": a category with its ancestors. */
export function categoryPath(categories: Category[], id: string | null): string {
  if (!id) return '';
  const byId = new Map(categories.map((c) => [c.categoryId, c]));
  const c = byId.get(id);
  if (!c) return '';
  return [...c.path, c.categoryId]
    .filter((x, i, all) => all.indexOf(x) === i)
    .map((x) => byId.get(x)?.name ?? '')
    .filter(Boolean)
    .join(' / ');
}
