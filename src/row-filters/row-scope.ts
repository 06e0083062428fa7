import type { IQuery, IWriteQuery } from '@looker/sdk';
import type { JWTPayload } from 'jose';
import { graphqlError } from '../errors';
import { badUserInput } from '../input/arguments';
import { LookerError } from '../looker/errors';
import { matchingRules, readClaim, type Policy, type PolicyRule } from '../policy';
import { matchesExplore } from './explore-pattern';
import { filterExpressionOf, plainFilterValues } from './filter-values';
import { filteredTileQuery } from '../input/dashboard-tile';

/** A field forced to a set of values on one explore, for one caller. */
export interface ForcedRowFilter {
  /** `view.field`, lower case. */
  readonly field: string;
  /** The values the caller may read (never empty). */
  readonly values: readonly string[];
}

/** The field names of an explore (lower case), or null when the explore does not exist for this Looker user. */
export type ExploreFieldNames = (model: string, explore: string) => Promise<ReadonlySet<string> | null>;

/** The values one claim gives: a string is one value, an array its string elements. */
function claimStrings(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return [];
}

/**
 * One caller's row filters: what the policy's `rowFilters:` force on each explore, from the
 * caller's claims and matching rules. Every path that reads rows or values asks it first:
 * - `restrict` puts the forced values into a query's `filters` (a caller's own filter on the field
 *   may only keep some of the allowed values);
 * - `restrictSuggestions` does the same for suggestion filters, and names the allowed values when
 *   the suggested field is itself forced.
 * A caller with no values for a filter on an explore is refused (FORBIDDEN, naming the claim), never
 * served unfiltered; so is an explore that lacks the filtered field.
 */
export class RowScope {
  private readonly byExplore = new Map<string, Promise<readonly ForcedRowFilter[]>>();
  /** The filters forced on this request's explores, by field: how many values each allowed (for the audit trail). */
  readonly applied = new Map<string, number>();

  constructor(
    private readonly policy: Policy,
    private readonly claims: Readonly<JWTPayload> | undefined,
    private readonly exploreFields: ExploreFieldNames,
  ) {}

  /** Whether any row filter is in force: a saved query must then be looked at before it runs by id. */
  get active(): boolean {
    return (this.policy.rowFilters?.length ?? 0) > 0;
  }

  #rules: readonly PolicyRule[] | undefined;

  /** The policy's rules that match the caller's claims, read once per request. */
  private matchedRules(): readonly PolicyRule[] {
    return (this.#rules ??= matchingRules(this.policy, this.claims ?? {}).map((m) => m.rule));
  }

  /**
   * The fields whose rows are limited for this caller on some explore: those of the policy's row
   * filters that no matching rule's `allRows` lifts. Empty: the caller reads every row.
   */
  limitedFields(): string[] {
    const rules = this.matchedRules();
    const fields = (this.policy.rowFilters ?? [])
      .map((f) => f.field)
      .filter((field) => !rules.some((r) => r.allRows?.includes(field)));
    return [...new Set(fields)];
  }

  /** The filters forced on an explore (none when no row filter matches it); refusals as the class says. */
  forExplore(model: string, explore: string): Promise<readonly ForcedRowFilter[]> {
    if (!this.active) return Promise.resolve([]);
    const key = `${model}::${explore}`.toLowerCase();
    let forced = this.byExplore.get(key);
    if (!forced) {
      forced = this.resolve(model, explore);
      this.byExplore.set(key, forced);
    }
    return forced;
  }

  private async resolve(model: string, explore: string): Promise<readonly ForcedRowFilter[]> {
    const filters = (this.policy.rowFilters ?? []).filter((f) =>
      f.explores.some((p) => matchesExplore(p, model, explore)),
    );
    if (filters.length === 0) return [];
    const claims = this.claims ?? {};
    const rules = this.matchedRules();
    const byField = new Map<string, Set<string>>();
    for (const filter of filters) {
      // A matching rule's `allRows` lifts the filter for its callers (the people who read everything).
      if (rules.some((r) => r.allRows?.includes(filter.field))) continue;
      const values = new Set([
        ...(filter.fromClaim !== undefined ? claimStrings(readClaim(claims, filter.fromClaim)) : []),
        ...rules.flatMap((r) => r.rows?.[filter.field] ?? []),
      ]);
      if (values.size === 0) {
        throw graphqlError(
          'FORBIDDEN',
          filter.fromClaim !== undefined
            ? `Rows of ${model}::${explore} are limited by the "${filter.fromClaim}" claim, which this caller's token does not carry.`
            : `Rows of ${model}::${explore} are limited by ${filter.field}, and no policy rule gives this caller any of its values.`,
          { rowFilterField: filter.field, ...(filter.fromClaim !== undefined && { missingClaim: filter.fromClaim }) },
        );
      }
      // Two filters on one field: the caller reads what both allow.
      const before = byField.get(filter.field);
      byField.set(filter.field, before ? new Set([...before].filter((v) => values.has(v))) : values);
    }
    const fields = await this.exploreFields(model, explore);
    if (!fields)
      throw new LookerError(
        'NOT_FOUND',
        `Explore "${model}::${explore}" does not exist or is not accessible.`,
        'lookml_model_explore',
      );
    const forced: ForcedRowFilter[] = [];
    for (const [field, values] of byField) {
      if (!fields.has(field))
        throw graphqlError(
          'FORBIDDEN',
          `Explore ${model}::${explore} is under a row filter on ${field}, which it does not have: its rows are not served.`,
          { rowFilterField: field },
        );
      if (values.size === 0)
        throw graphqlError('FORBIDDEN', `No value of ${field} is allowed to this caller on ${model}::${explore}.`, {
          rowFilterField: field,
        });
      forced.push({ field, values: [...values].sort() });
      this.applied.set(field, values.size);
    }
    return forced;
  }

  /** The query with the forced filters in `filters`; the same object when none applies. */
  async restrict(query: IWriteQuery): Promise<IWriteQuery> {
    const forced = await this.forExplore(query.model ?? '', query.view ?? '');
    if (forced.length === 0) return query;
    return { ...query, filters: mergeForced(query.filters ?? {}, forced).filters };
  }

  /**
   * A saved query's definition as the query to run inline with the forced filters, at `limit` (else
   * its own); undefined when no row filter applies, so it may run by id.
   */
  async restrictSaved(query: IQuery, limit: number | undefined): Promise<IWriteQuery | undefined> {
    const forced = await this.forExplore(query.model ?? '', query.view ?? '');
    if (forced.length === 0) return undefined;
    // The saved query written out as a filtered tile's is (every property that decides the result).
    const written = filteredTileQuery(query, {}, limit);
    return { ...written, filters: mergeForced(written.filters ?? {}, forced).filters };
  }

  /**
   * Suggestion filters with the forced ones merged in, and the values a suggestion of `field` may
   * show when the field is itself forced (a suggestion list is rows' values too).
   */
  async restrictSuggestions(
    model: string,
    explore: string,
    field: string,
    filters: Readonly<Record<string, string>> | undefined,
  ): Promise<{ filters: Readonly<Record<string, string>> | undefined; allowed?: ReadonlySet<string> }> {
    const forced = await this.forExplore(model, explore);
    if (forced.length === 0) return { filters };
    const merged = mergeForced(filters ?? {}, forced);
    const allowed = merged.allowed.get(field.toLowerCase());
    return { filters: merged.filters, ...(allowed && { allowed }) };
  }
}

/**
 * Filters with each forced field set to the allowed values, narrowed by the caller's own filter
 * on that field when it lists exact values; any other expression on a forced field is refused
 * (BAD_USER_INPUT naming the field), as is one that keeps none of the allowed values.
 */
function mergeForced(
  filters: Readonly<Record<string, string>>,
  forced: readonly ForcedRowFilter[],
): { filters: Record<string, string>; allowed: Map<string, ReadonlySet<string>> } {
  const out: Record<string, string> = { ...filters };
  const allowed = new Map<string, ReadonlySet<string>>();
  for (const { field, values } of forced) {
    let kept = [...values];
    // Looker's field names ignore case: a caller's `Users.Country` is the same field.
    for (const key of Object.keys(out).filter((k) => k.toLowerCase() === field)) {
      const expression = out[key] ?? '';
      delete out[key];
      if (expression.trim() === '') continue;
      const asked = plainFilterValues(expression);
      if (!asked)
        throw badUserInput(
          'filters',
          `The filter on ${field} must list exact values: a row filter limits ${field} to the values this caller may read.`,
        );
      kept = kept.filter((v) => asked.includes(v));
      if (kept.length === 0)
        throw badUserInput('filters', `The filter on ${field} asks only for values this caller may not read.`);
    }
    out[field] = filterExpressionOf(kept);
    allowed.set(field, new Set(kept));
  }
  return { filters: out, allowed };
}
