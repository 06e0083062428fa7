import type { CatalogField } from '../query/explore-catalog';
import type { Cell } from './result-values';

/**
 * The drill links Looker adds to json_detail cells when a run asks for them (its
 * `generate_drill_links`, on unless the run says `false`). Shapes as recorded: a dimension's drill
 * `{ label: "by …", url: "/explore/…", type: "drill", type_label: "Drill into …" }` (Looker's
 * components fixtures, `mockSdkPivotDataResponse.ts`), a measure's `{ label: "Show All 1,062",
 * url, type: "measure_default" }` (spectacles' recorded json_detail), and a LookML `link` as
 * `{ label, url, icon_url, type: "url" }` (a guess at its type name). Pivot labels become
 * `<a href='#drillmenu' target='_self'>…</a>` (recorded json_detail answers). URLs are the
 * explore's, with the drill fields and the cell's filters; Liquid in LookML links is not rendered.
 */

/** One drill link of a cell. */
export interface DrillLink {
  label: string;
  url: string;
  type: 'drill' | 'measure_default' | 'url';
  type_label?: string;
  icon_url?: string | null;
}

/** Where the drills of a result lead: the explore it ran on. */
export interface DrillTarget {
  model: string;
  view: string;
}

/** The row limit Looker writes into drill URLs (its Explore default). */
const DRILL_LIMIT = 500;

function exploreUrl(target: DrillTarget, fields: readonly string[], filters: Record<string, string>): string {
  const parts = [`fields=${fields.join(',')}`];
  for (const [name, value] of Object.entries(filters)) parts.push(`f[${name}]=${encodeURIComponent(value)}`);
  parts.push(`limit=${DRILL_LIMIT}`);
  return `/explore/${target.model}/${target.view}?${parts.join('&')}`;
}

/** A value as a filter expression in a drill URL (NULL as Looker writes it). */
function filterValue(value: Cell): string {
  return value === null ? 'NULL' : String(value);
}

/**
 * The links of a cell: a dimension's drill fields (filtered on its value) and LookML links; a
 * measure's drill fields (filtered on the row's dimensions), labelled with its rendered value.
 * Empty for fields that declare neither.
 */
export function drillLinks(
  field: CatalogField,
  value: Cell,
  rendered: string,
  rowFilters: Record<string, Cell>,
  target: DrillTarget,
): DrillLink[] {
  const links: DrillLink[] = [];
  const drills = field.drillFields ?? [];
  if (drills.length > 0) {
    if (field.category === 'measure') {
      const filters = Object.fromEntries(Object.entries(rowFilters).map(([k, v]) => [k, filterValue(v)]));
      links.push({ label: `Show All ${rendered}`, url: exploreUrl(target, drills, filters), type: 'measure_default' });
    } else {
      links.push({
        label: `by ${field.labelShort}`,
        url: exploreUrl(target, drills, { [field.name]: filterValue(value) }),
        type: 'drill',
        type_label: `Drill into ${rendered}`,
      });
    }
  }
  for (const link of field.links ?? [])
    links.push({ label: link.label, url: link.url, type: 'url', icon_url: link.iconUrl ?? null });
  return links;
}

/** Escapes text for the HTML of a drill-menu label. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');
}

/** A pivot label as Looker writes it when drill links are on: the rendered value inside a drill-menu anchor. */
export function drillMenuLabel(rendered: string): string {
  return `<a href='#drillmenu' target='_self'>${escapeHtml(rendered)}</a>`;
}
