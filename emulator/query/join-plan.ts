import type { ExploreDef, JoinDef } from '../model/types';
import type { CatalogField } from './explore-catalog';

/** A join made ready for SQL: its ON clause resolved and the views it hangs from. */
export interface PlannedJoin {
  def: JoinDef;
  /** ON clause with `${view.field}` replaced by the fields' SQL. */
  on: string;
  /** The view this join attaches to (the other view its ON clause names). */
  parent: string;
}

const REF = /\$\{([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)\}/gi;

/** Resolve each join's `${view.field}` references and find the view it attaches to. */
export function planJoins(explore: ExploreDef, fields: Map<string, CatalogField>): Map<string, PlannedJoin> {
  const planned = new Map<string, PlannedJoin>();
  for (const def of explore.joins) {
    const referenced = new Set<string>();
    const on = def.sqlOn.replace(REF, (_match, view: string, field: string) => {
      const target = fields.get(`${view}.${field}`);
      if (!target?.expr || target.category !== 'dimension')
        throw new Error(`join ${def.view}: unknown field ${view}.${field}`);
      referenced.add(view);
      return target.expr;
    });
    referenced.delete(def.view);
    const parent = [...referenced][0] ?? explore.baseView;
    planned.set(def.view, { def, on, parent });
  }
  return planned;
}

/**
 * The joins a query needs, in an order where each join's parent comes first: the views of its
 * fields plus every view on the path from them to the base view (e.g. distribution_centers needs
 * products).
 */
export function requiredJoins(
  explore: ExploreDef,
  joins: Map<string, PlannedJoin>,
  usedViews: Iterable<string>,
): PlannedJoin[] {
  const needed = new Set<string>();
  for (const view of usedViews) {
    let current: string | undefined = view;
    while (current && current !== explore.baseView && !needed.has(current)) {
      needed.add(current);
      current = joins.get(current)?.parent;
    }
  }
  // Declaration order already lists parents before children in LookML explores; keep it, but
  // make sure a parent declared later still comes first.
  const ordered: PlannedJoin[] = [];
  const placed = new Set<string>([explore.baseView]);
  const place = (name: string): void => {
    if (placed.has(name)) return;
    const join = joins.get(name);
    if (!join) return;
    place(join.parent);
    placed.add(name);
    ordered.push(join);
  };
  for (const def of explore.joins) if (needed.has(def.view)) place(def.view);
  return ordered;
}

/**
 * Whether rows of `view` are repeated by the query's joins, so sums and averages over it need
 * symmetric aggregates. Crossing a join towards its "many" side multiplies the rows on this side:
 * from the parent across a one_to_many join, or from the child (or anything hanging below it)
 * across a many_to_one join.
 */
export function isFannedOut(view: string, included: PlannedJoin[]): boolean {
  const parentOf = new Map(included.map((j) => [j.def.view, j.parent]));
  const ancestorsOrSelf = new Set<string>();
  for (let v: string | undefined = view; v; v = parentOf.get(v)) ancestorsOrSelf.add(v);
  return included.some((join) => {
    const viewIsBelow = ancestorsOrSelf.has(join.def.view);
    const rel = join.def.relationship;
    return viewIsBelow ? rel === 'many_to_one' : rel === 'one_to_many';
  });
}
