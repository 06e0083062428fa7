import type { AuditChannel } from './audit-event';

/** The door an operation came through, as its audit event records it. */
export interface AuditOrigin {
  readonly channel: AuditChannel;
  /** The MCP tool, for `mcp` operations. */
  readonly tool?: string;
}

// Apollo hands plugins a shallow copy of the context. The origin is therefore an enumerable own
// property, which the copy keeps (a WeakMap by identity would not); symbol-keyed, so no resolver
// sees it.
const originKey = Symbol('auditOrigin');

/** Marks a context as built for an operation that came through another door than `/graphql`. */
export function tagAuditOrigin<T extends object>(context: T, origin: AuditOrigin): T {
  Object.defineProperty(context, originKey, { value: origin, enumerable: true });
  return context;
}

/** Where a context's operation came from: `/graphql` unless tagged otherwise. */
export function auditOriginOf(context: object): AuditOrigin {
  return (Reflect.get(context, originKey) as AuditOrigin | undefined) ?? { channel: 'graphql' };
}
