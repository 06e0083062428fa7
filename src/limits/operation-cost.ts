import {
  getArgumentValues,
  getNamedType,
  isAbstractType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { lookerFieldCosts, type FieldCost } from './looker-cost-table';

/** What an operation is expected to cost Looker: calls made and result rows read. */
export interface OperationCost {
  readonly lookerCalls: number;
  readonly rows: number;
}

/** Calls made per instance (multiplied by list sizes) are kept apart from batched ones (made once per level). */
interface Cost {
  readonly perInstance: number;
  readonly batched: number;
  readonly rows: number;
}

const zero: Cost = { perInstance: 0, batched: 0, rows: 0 };
const add = (a: Cost, b: Cost): Cost => ({
  perInstance: a.perInstance + b.perInstance,
  batched: a.batched + b.batched,
  rows: a.rows + b.rows,
});
const scale = (a: Cost, by: number): Cost => ({
  perInstance: a.perInstance * by,
  batched: a.batched,
  rows: a.rows * by,
});

/** Reads a dotted argument path (`input.limit`) from coerced argument values. */
function argumentAt(args: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
      args,
    );
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function listSize(cost: FieldCost, args: Record<string, unknown>, setInDocument: (name: string) => boolean): number {
  const size = cost.size;
  if (!size) return 1;
  if ('assumed' in size) return size.assumed;
  if ('listArgument' in size) {
    const list = argumentAt(args, size.listArgument);
    return Array.isArray(list) ? list.length : 1;
  }
  return setInDocument(size.argument) ? numberOr(argumentAt(args, size.argument), size.default) : size.default;
}

/**
 * Estimates what an operation will cost Looker before it runs: each field's calls (per parent
 * instance, or once per level when batched) and result rows, multiplied by the page sizes the
 * caller asked for (variables included) or the documented assumptions. Fragments are costed once
 * each, so a document of many spreads costs no more to estimate than to read.
 */
export function estimateOperationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Record<string, unknown>,
): OperationCost {
  const fragmentCosts = new Map<string, Cost>();

  const selectionCost = (selectionSet: SelectionSetNode, parentType: GraphQLNamedType): Cost => {
    let total = zero;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!isObjectType(parentType)) continue;
        const field: GraphQLField<unknown, unknown> | undefined = (parentType as GraphQLObjectType).getFields()[
          selection.name.value
        ];
        if (!field) continue;
        const cost = lookerFieldCosts[`${parentType.name}.${field.name}`] ?? {};
        let args: Record<string, unknown> = {};
        try {
          args = getArgumentValues(field, selection, variables);
        } catch {
          // Invalid arguments fail at execution, before any Looker call; cost them at their defaults.
        }
        const lookup = cost.lookupUnless !== undefined && argumentAt(args, cost.lookupUnless) === undefined ? 1 : 0;
        const own: Cost = {
          perInstance: (cost.calls ?? 0) + lookup,
          batched: cost.batchedCalls ?? 0,
          rows: cost.rows ? numberOr(argumentAt(args, cost.rows.argument), cost.rows.default) : 0,
        };
        const below = selection.selectionSet ? selectionCost(selection.selectionSet, getNamedType(field.type)) : zero;
        const setInDocument = (name: string) => (selection.arguments ?? []).some((a) => a.name.value === name);
        total = add(total, add(own, scale(below, listSize(cost, args, setInDocument))));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parentType;
        if (type) total = add(total, selectionCost(selection.selectionSet, type));
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment) continue;
        let cost = fragmentCosts.get(name);
        if (cost === undefined) {
          // Validation has already refused fragment cycles; the placeholder guards against them anyway.
          fragmentCosts.set(name, zero);
          const type = schema.getType(fragment.typeCondition.name.value);
          cost = type ? selectionCost(fragment.selectionSet, type) : zero;
          fragmentCosts.set(name, cost);
        }
        total = add(total, cost);
      }
    }
    return total;
  };

  const root = schema.getRootType(operation.operation);
  // Abstract parents (`_entities` returns a union) are costed through their inline fragments.
  const cost = root && !isAbstractType(root) ? selectionCost(operation.selectionSet, root) : zero;
  return { lookerCalls: cost.perInstance + cost.batched, rows: cost.rows };
}
