import { auditOriginOf } from '../audit/audit-channel';
import type { Context } from '../context/context';
import type { WriteServices } from '../context/write-services';
import { graphqlError } from '../errors';
import { writeGrantsFor, type NamedWriteGrant } from '../policy';

/** The caller's write grants with the services that go with them, checked for the door it came through. */
export interface WriteCaller {
  readonly subject: string;
  readonly services: WriteServices;
  readonly grants: readonly NamedWriteGrant[];
}

/**
 * Who writes, and under which rules: FAILED_PRECONDITION where the server set up no writes,
 * FORBIDDEN when no policy rule gives the caller a `writes:` section, or when the call came
 * through MCP and none of its rules lets MCP write (`writes.mcp`). No Looker call.
 */
export function writeCaller(ctx: Context): WriteCaller {
  const services = ctx.writes;
  if (!services) throw graphqlError('FAILED_PRECONDITION', 'Writes are not set up on this server');
  const principal = ctx.principal;
  if (!principal) throw graphqlError('UNAUTHENTICATED', 'A valid access token is required');
  const grants = writeGrantsFor(services.policy(), principal);
  if (grants.length === 0)
    throw graphqlError(
      'FORBIDDEN',
      'No policy rule lets this caller write: a rule matching the caller needs a `writes:` section naming folders',
      { policy: 'writes' },
    );
  if (auditOriginOf(ctx).channel === 'mcp' && !grants.some((g) => g.grant.mcp))
    throw graphqlError(
      'FORBIDDEN',
      `The policy does not let this caller write through MCP: none of its rules (${grants.map((g) => g.rule).join(', ')}) sets \`writes.mcp: true\``,
      { policy: 'writes.mcp', rules: grants.map((g) => g.rule) },
    );
  return { subject: principal.subject, services, grants };
}
