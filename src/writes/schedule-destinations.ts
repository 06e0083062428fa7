import type { ScheduleDestinationInput } from '../generated/resolvers-types';
import { graphqlError } from '../errors';
import { badUserInput } from '../input/arguments';
import { maxScheduleDestinations, writeList } from '../input/write-bounds';
import type { WriteGrant } from '../policy';
import type { WriteCaller } from './write-grants';

/** A destination as Looker's `scheduled_plan_destination` names its fields. */
export interface LookerDestination {
  readonly type: 'email' | 'webhook';
  readonly address: string;
  readonly format: string;
  readonly apply_formatting: boolean;
  readonly apply_vis: boolean;
}

const emailPattern = /^[^\s@]{1,64}@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$/;

function emailDomainAllowed(grant: WriteGrant, domain: string): boolean {
  return grant.emailDomains.some((allowed) =>
    allowed.startsWith('*.') ? domain.endsWith(allowed.slice(1)) : domain === allowed,
  );
}

/** Where a destination goes, for the policy and for refusals: the email's domain or the webhook's host. */
function destinationTarget(argumentName: string, d: ScheduleDestinationInput): { kind: string; target: string } {
  if (d.type === 'EMAIL') {
    if (d.address.length > 254 || !emailPattern.test(d.address))
      throw badUserInput(argumentName, `Argument "${argumentName}" must be an email address.`);
    return { kind: 'email domain', target: (d.address.split('@').pop() ?? '').toLowerCase() };
  }
  let url: URL;
  try {
    url = new URL(d.address);
  } catch {
    throw badUserInput(argumentName, `Argument "${argumentName}" must be an https:// URL.`);
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || d.address.length > 2000)
    throw badUserInput(
      argumentName,
      `Argument "${argumentName}" must be an https:// URL without credentials, at most 2,000 characters.`,
    );
  return { kind: 'webhook host', target: url.hostname.toLowerCase() };
}

/**
 * Checks a schedule's destinations against the caller's grants: each one's email domain or
 * webhook host must be one a matching rule lists (FORBIDDEN, naming the rules and what they
 * allow). This is where data would leave: an agent told to "send it to me" at an outside address
 * stops here. Returns Looker's destinations and the rules that allowed them.
 */
export function allowedDestinations(
  caller: WriteCaller,
  destinations: readonly ScheduleDestinationInput[],
): { destinations: LookerDestination[]; rules: string[] } {
  const list = writeList('input.destinations', destinations, maxScheduleDestinations);
  if (list.length === 0) throw badUserInput('input.destinations', 'A schedule needs at least one destination.');
  const rules = new Set<string>();
  const out = list.map((d, i): LookerDestination => {
    const argumentName = `input.destinations[${i}].address`;
    const { kind, target } = destinationTarget(argumentName, d);
    const allowing = caller.grants.filter((g) =>
      d.type === 'EMAIL' ? emailDomainAllowed(g.grant, target) : g.grant.webhookHosts.includes(target),
    );
    if (allowing.length === 0) {
      const allowed = caller.grants
        .map((g) => {
          const list = d.type === 'EMAIL' ? g.grant.emailDomains : g.grant.webhookHosts;
          return `${g.rule}: ${list.length > 0 ? list.join(', ') : 'none'}`;
        })
        .join('; ');
      throw graphqlError(
        'FORBIDDEN',
        `Destination ${i + 1} goes to ${kind} "${target}", which the policy does not allow for this caller (${allowed})`,
        { argumentName, policy: 'writes.scheduleTo', rules: caller.grants.map((g) => g.rule) },
      );
    }
    for (const g of allowing) rules.add(g.rule);
    return {
      type: d.type === 'EMAIL' ? 'email' : 'webhook',
      address: d.address,
      format: (d.format ?? 'CSV').toLowerCase(),
      apply_formatting: true,
      apply_vis: d.format === 'PDF' || d.format === 'WYSIWYG_PDF',
    };
  });
  return { destinations: out, rules: [...rules] };
}
