import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import type { Config } from '../../config';
import { nestingLimitRule, withinNesting } from './document-bounds';

// GraphQL Armor throws out of validation by default, which Apollo answers as a 500.
// Reporting the error instead makes it an ordinary GRAPHQL_VALIDATION_FAILED (HTTP 400) naming the limit.
const report = {
  propagateOnRejection: false,
  exposeLimits: true,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

/**
 * Validation rules bounding an operation's nesting, depth, aliases, directives and cost: each
 * field may call Looker. (The token limit applies earlier, in the parser: `parseOptions.maxTokens`.)
 */
export function operationLimitRules(
  limits: Pick<Config['limits'], 'depth' | 'aliases' | 'cost' | 'directives'>,
): ValidationRule[] {
  const armor = [
    maxDepthRule({ n: limits.depth, ...report }),
    maxAliasesRule({ n: limits.aliases, ...report }),
    maxDirectivesRule({ n: limits.directives, ...report }),
    costLimitRule({ maxCost: limits.cost, ...report }),
  ] as ValidationRule[];
  // Armor's rules follow fragment spreads recursively: only within the nesting bound.
  return [nestingLimitRule, ...armor.map(withinNesting)];
}
