import { cacheControlFromInfo } from '@apollo/cache-control-types';
import type { GraphQLError, GraphQLResolveInfo } from 'graphql';
import { requirePrincipal } from '../../directives';
import { graphqlError } from '../errors';
import type { Context } from '../context/context';
import { EmbedAttributeError, embedSsoParams, type EmbedTarget } from './embed-params';

/** FORBIDDEN naming what the policy lacks; the embed user would otherwise be made up. */
function refused(message: string): GraphQLError {
  return graphqlError('FORBIDDEN', message);
}

/**
 * A signed Looker SSO embed URL opening `target` as the caller, per the policy's `embed:` section
 * (one `create_sso_embed_url` call, never cached: Looker accepts each URL once). The answer is
 * marked uncacheable, so no cache in front keeps a URL that is spent after its first use.
 */
export async function embedUrlFor(target: EmbedTarget, ctx: Context, info: GraphQLResolveInfo): Promise<string> {
  cacheControlFromInfo(info).setCacheHint({ maxAge: 0 });
  const principal = requirePrincipal(ctx);
  const policy = ctx.embedPolicy();
  if (!policy) {
    throw refused(
      'Embedding is not configured: the policy file (POLICY_FILE) needs an "embed:" section naming the embed user\'s permissions and models (or groupIds).',
    );
  }
  // A Looker embed session reads rows in Looker's own UI, where this service adds no filter.
  const limited = ctx.loaders.rows.limitedFields();
  if (limited.length > 0) {
    throw refused(
      `The policy's row filters limit this caller's rows (${limited.join(', ')}); a Looker embed session would not apply them, so embedding is refused.`,
    );
  }
  const allowed = target.kind === 'dashboard' ? policy.dashboards : policy.looks;
  if (allowed && !allowed.includes(target.id)) {
    throw refused(
      `The policy's "embed.${target.kind === 'dashboard' ? 'dashboards' : 'looks'}" does not list ${target.kind} ${target.id}.`,
    );
  }
  let params: ReturnType<typeof embedSsoParams>;
  try {
    params = embedSsoParams(principal, policy, ctx.looker.lookerUrl(), target);
  } catch (error) {
    if (error instanceof EmbedAttributeError) throw refused(error.message);
    throw error;
  }
  return ctx.looker.createSsoEmbedUrl(params, target);
}
