import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { SpanStatusCode, trace, type Context as TraceContext, type Span } from '@opentelemetry/api';
import type { DocumentNode, GraphQLFormattedError } from 'graphql';
import { recordOperation, type OperationOutcome } from '../../observability/metrics';
import { tracer } from '../../observability/tracing';

/**
 * How an operation ended, as the audit trail says (`ok`, `partial`, `error`, `unauthenticated`).
 * `refused` means it never executed: a document that does not parse or validate, or a limit.
 */
function outcomeOf(errors: readonly GraphQLFormattedError[], hasData: boolean, executed: boolean): OperationOutcome {
  if (errors.length === 0) return 'ok';
  if (!hasData && errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) return 'unauthenticated';
  if (!executed) return 'refused';
  return hasData ? 'partial' : 'error';
}

/** The name of a document's only operation: what a refused operation is labelled with. */
function soleOperationName(document: DocumentNode | undefined): string | undefined {
  const operations = document?.definitions.filter((d) => d.kind === 'OperationDefinition') ?? [];
  return operations.length === 1 && operations[0]?.kind === 'OperationDefinition'
    ? operations[0].name?.value
    : undefined;
}

/**
 * Measures every GraphQL operation (`graphql_operation_duration_seconds` by operation name and
 * outcome; an unauthenticated caller's operations all under one label) and names its span. The span is the one the HTTP layer opened for the request (see
 * `traceGraphQLRequests`), found by `traceOf` in the operation's context, so the Looker calls of
 * the resolvers are its children; an operation run without that layer (`executeOperation`) gets a
 * span of its own here.
 */
export function operationMetricsPlugin<TContext extends BaseContext>(
  traceOf: (context: TContext) => TraceContext | undefined,
  /** Whether the operation's caller holds a valid token: only theirs are labelled by name. */
  authenticated: (context: TContext) => boolean,
  now: () => number = () => performance.now(),
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const started = now();
      const traced = traceOf(contextValue);
      const requestSpan = traced === undefined ? undefined : trace.getSpan(traced);
      const span: Span = requestSpan ?? tracer().startSpan('graphql');
      let executed = false;
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          span.updateName(operationName ? `${operation.operation} ${operationName}` : operation.operation);
          span.setAttribute('graphql.operation.type', operation.operation);
          if (operationName) span.setAttribute('graphql.operation.name', operationName);
        },
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse({ response, operationName, document, contextValue }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
          const outcome = outcomeOf(body.errors ?? [], body.data !== undefined && body.data !== null, executed);
          // A document that fails validation never resolves its operation; its name is still known.
          recordOperation(
            operationName ?? request.operationName ?? soleOperationName(document),
            outcome,
            (now() - started) / 1000,
            authenticated(contextValue),
          );
          span.setAttribute('graphql.outcome', outcome);
          if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
          if (!requestSpan) span.end();
        },
      };
    },
  };
}
