import { validatePolicy, writeGrantsFor } from '../../../src/policy';
import type { Principal } from '../../../src/auth/principal';

const caller = (claims: Record<string, unknown>): Principal =>
  ({ subject: 'sub-1', scopes: new Set<string>(), claims }) as unknown as Principal;

describe("the policy file's writes:", () => {
  test('folders by id and path, schedule destinations and the MCP switch are read, lower-cased and frozen', () => {
    const validated = validatePolicy({
      rules: [
        {
          name: 'editors',
          when: { claim: 'groups', includes: ['editors'] },
          writes: {
            folders: [{ id: 7 }, { path: 'Shared/ Sandbox ' }],
            scheduleTo: { emailDomains: ['Example.com', '*.corp.example'], webhookHosts: ['Hooks.Example.com'] },
          },
        },
      ],
    });
    if (!validated.ok) throw new Error(validated.problems.join('; '));
    expect(validated.policy.rules[0]?.writes).toEqual({
      folders: [{ id: '7' }, { path: ['Shared', 'Sandbox'] }],
      emailDomains: ['example.com', '*.corp.example'],
      webhookHosts: ['hooks.example.com'],
      mcp: false,
    });
    expect(Object.isFrozen(validated.policy.rules[0]?.writes?.folders)).toBe(true);
    expect(writeGrantsFor(validated.policy, caller({ groups: ['editors'] })).map((g) => g.rule)).toEqual(['editors']);
    expect(writeGrantsFor(validated.policy, caller({ groups: ['viewers'] }))).toEqual([]);
  });

  test.each([
    [{ folders: [{ id: '1', path: 'Shared' }] }, 'rules[0].writes.folders[0]: give exactly one of id, path'],
    [{ folders: [{ path: 'Shared//Sandbox' }] }, 'rules[0].writes.folders[0].path: must be folder names from a root'],
    [
      { scheduleTo: { emailDomains: ['@example.com'] } },
      'rules[0].writes.scheduleTo.emailDomains[0]: must be a domain',
    ],
    [
      { scheduleTo: { webhookHosts: ['https://hooks.example.com'] } },
      'rules[0].writes.scheduleTo.webhookHosts[0]: must be a host name',
    ],
    [{ mcp: 'yes' }, 'rules[0].writes.mcp'],
    [{ folder: [] }, 'unknown key "folder"'],
  ])('%j is refused, naming where', (writes, problem) => {
    const validated = validatePolicy({ rules: [{ when: { claim: 'groups', includes: ['x'] }, writes }] });
    expect(validated.ok).toBe(false);
    if (!validated.ok) expect(validated.problems.join('; ')).toContain(problem);
  });

  test('a rule with only writes is a rule', () => {
    expect(
      validatePolicy({ rules: [{ when: { claim: 'groups', includes: ['x'] }, writes: { folders: [{ id: '7' }] } }] })
        .ok,
    ).toBe(true);
  });
});
