import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import type { Config } from './config';

// GraphQL Armor throws out of validation by default, which Apollo answers as a 500; reporting the
// error instead makes it an ordinary GRAPHQL_VALIDATION_FAILED (HTTP 400) naming the limit.
const report = { propagateOnRejection: false, exposeLimits: true, onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)] };

/** Validation rules bounding an operation's depth, aliases and cost: each field may call Looker. */
export function operationLimitRules(limits: Config['limits']): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.depth, ...report }),
    maxAliasesRule({ n: limits.aliases, ...report }),
    costLimitRule({ maxCost: limits.cost, ...report }),
  ] as ValidationRule[];
}
