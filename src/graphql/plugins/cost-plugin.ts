import type { ApolloServerPlugin } from '@apollo/server';
import { getVariableValues, Kind, type FragmentDefinitionNode } from 'graphql';
import { graphqlError, httpStatusOf } from '../../errors';
import type { Context } from '../../context/context';
import { estimateOperationCost } from '../../limits/operation-cost';

/** The most an operation may be expected to cost Looker. */
export interface CostLimits {
  readonly lookerCalls: number;
  readonly rows: number;
}

/**
 * Refuses, before any Looker call, an operation whose estimated cost exceeds the limits.
 * The estimate counts Looker calls and result rows, with the page sizes and row limits the operation
 * asks for, variables included. The refusal is HTTP 400, GRAPHQL_VALIDATION_FAILED, with the
 * estimate and the limits in `extensions.cost`.
 */
export function operationCostPlugin(limits: CostLimits): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          // Variables that do not coerce fail at execution, before any Looker call.
          if (coerced.errors) return;
          const cost = estimateOperationCost(schema, operation, fragments, coerced.coerced);
          if (cost.lookerCalls <= limits.lookerCalls && cost.rows <= limits.rows) return;
          const over =
            cost.lookerCalls > limits.lookerCalls
              ? `about ${cost.lookerCalls} Looker calls (limit ${limits.lookerCalls})`
              : `about ${cost.rows} result rows (limit ${limits.rows})`;
          throw graphqlError(
            'GRAPHQL_VALIDATION_FAILED',
            `This operation would cost ${over}: ask for smaller pages (\`first\`), lower row limits (\`limit\`) or fewer aliases.`,
            {
              cost: {
                estimatedLookerCalls: cost.lookerCalls,
                estimatedRows: cost.rows,
                maxLookerCalls: limits.lookerCalls,
                maxRows: limits.rows,
              },
              http: { status: httpStatusOf('GRAPHQL_VALIDATION_FAILED') },
            },
          );
        },
      };
    },
  };
}
