/**
 * The part of `type-is` 2 that the GraphQL front uses; the package ships no type definitions, so
 * this follows its README. `typeis(req, types)` is the matching type, `false` when the request's
 * content type matches none, `null` when the request has no body.
 */
declare module 'type-is' {
  import type { IncomingMessage } from 'node:http';

  function typeis(req: IncomingMessage, types: string[]): string | false | null;
  export = typeis;
}
