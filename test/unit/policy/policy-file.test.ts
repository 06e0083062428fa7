import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createPolicyStore, parsePolicyText, PolicyFileError } from '../../../src/policy';
import { examplePolicyYaml, tempDir } from './policy-fixtures';

/** The problems parsePolicyText reports for `text`. */
function problemsOf(text: string, file = 'policy.yaml'): readonly string[] {
  try {
    parsePolicyText(text, file);
  } catch (error) {
    if (error instanceof PolicyFileError) return error.problems;
    throw error;
  }
  throw new Error('expected the policy to be rejected');
}

const rule = (body: string) =>
  `rules:\n  - when: { claim: groups, includes: a }\n    grant: [looker:content:read]\n  - ${body}\n`;

describe('policy file format', () => {
  it('loads the same policy from YAML and JSON', () => {
    const yaml = parsePolicyText(examplePolicyYaml, 'policy.yml');
    const json = parsePolicyText(
      JSON.stringify({
        rules: [
          { name: 'viewers', when: { claim: 'groups', includes: 'viewers' }, grant: ['looker:content:read'] },
          {
            name: 'analysts',
            when: { claim: 'groups', includes: ['analysts', 'data-team'] },
            grant: ['looker:content:read', 'looker:models:read', 'looker:data:read'],
            lookerUser: { email: 'ada.analyst@example.com' },
          },
          { when: { claim: 'roles', includes: ['bi-admin'] }, grant: ['looker:sql:read'], lookerUser: { id: '42' } },
        ],
      }),
      'policy.JSON',
    );
    expect(json).toEqual(yaml);
    expect(yaml.rules[0]?.when.includes).toEqual(['viewers']);
    expect(yaml.rules[2]?.lookerUser).toEqual({ id: '42' });
    expect(Object.isFrozen(yaml.rules[1]?.grant)).toBe(true);
  });

  it('accepts an empty rule list and a rule that only names a Looker user', () => {
    expect(parsePolicyText('rules: []', 'p.yaml').rules).toEqual([]);
    const policy = parsePolicyText(
      'rules:\n  - when: { claim: sub, includes: svc-1 }\n    lookerUser: { externalUserId: ext-9 }\n',
      'p.yaml',
    );
    expect(policy.rules[0]).toEqual({
      when: { claim: 'sub', includes: ['svc-1'] },
      grant: [],
      lookerUser: { externalUserId: 'ext-9' },
    });
  });

  it('names the rule index and key of a scope that is not a scope token', () => {
    expect(
      problemsOf(rule('when: { claim: roles, includes: x }\n    grant: [looker:sql:read, "looker:data read"]')),
    ).toEqual(['rules[1].grant[1]: not a scope token (printable ASCII without spaces, quotes or backslashes)']);
  });

  it('rejects unknown keys, naming them and the keys that are allowed', () => {
    expect(problemsOf(rule('when: { claim: roles, include: x }\n    grant: [a]'))).toEqual(
      expect.arrayContaining(['rules[1].when: unknown key "include" (allowed: claim, includes)']),
    );
    expect(problemsOf(rule('when: { claim: roles, includes: x }\n    grants: [a]'))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^rules\[1\]: unknown key "grants" \(allowed: name, when, grant, lookerUser, writes, rows, allRows\)$/,
        ),
      ]),
    );
    expect(problemsOf('rules: []\nversion: 2\n')).toEqual([
      'top level: unknown key "version" (allowed: rules, embed, rowFilters, trustedDocuments)',
    ]);
  });

  it('requires a claim name, a value, and a grant or Looker user per rule', () => {
    expect(problemsOf(rule('when: { claim: "  ", includes: x }\n    grant: [a]'))).toEqual([
      'rules[1].when.claim: must name a claim, e.g. "groups" or "realm_access.roles"',
    ]);
    expect(problemsOf(rule('when: { claim: roles, includes: [] }\n    grant: [a]'))).toEqual([
      'rules[1].when.includes: must list at least one value',
    ]);
    expect(problemsOf(rule('when: { claim: roles, includes: x }'))).toEqual([
      'rules[1]: a rule needs a non-empty "grant", a "lookerUser" or "writes"',
    ]);
    expect(problemsOf(rule('when: { claim: roles, includes: x }\n    grant: []'))).toEqual([
      'rules[1]: a rule needs a non-empty "grant", a "lookerUser" or "writes"',
    ]);
  });

  it('requires exactly one way of naming the Looker user', () => {
    expect(
      problemsOf(rule('when: { claim: roles, includes: x }\n    lookerUser: { email: a@example.com, id: 3 }')),
    ).toEqual(['rules[1].lookerUser: give exactly one of email, externalUserId, id']);
    expect(problemsOf(rule('when: { claim: roles, includes: x }\n    lookerUser: { email: not-an-email }'))).toEqual([
      'rules[1].lookerUser.email: must be an email address',
    ]);
  });

  it('reports syntax errors with a position but without the file content', () => {
    const [yamlProblem] = problemsOf('rules:\n  - when: { claim: groups, includes: secret-group: x }\n');
    expect(yamlProblem).toMatch(/^invalid YAML: .* at line 2, column \d+$/);
    expect(yamlProblem).not.toContain('secret-group');
    expect(problemsOf('{"rules": [ {"secret-group": x} ]}', 'p.json')).toEqual(["invalid JSON: Unexpected token 'x'"]);
    expect(problemsOf('{\n  "rules": []\n  "secret-group": 1\n}', 'p.json')).toEqual([
      "invalid JSON: Expected ',' or '}' after property value at line 3, column 3",
    ]);
    expect(problemsOf('{"rules": [', 'p.json')).toEqual(['invalid JSON: Unexpected end of JSON input']);
    expect(problemsOf('rules: []\nrules: []\n')).toEqual([
      expect.stringMatching(/^invalid YAML: Map keys must be unique at line 2/),
    ]);
  });

  it('refuses an empty file, an alias bomb and an unknown extension', () => {
    expect(problemsOf('# nothing yet\n')).toEqual(['the file is empty (write "rules: []" to grant nothing)']);
    const bomb =
      'a: &a [x, x, x, x, x, x, x, x, x, x]\n' +
      Array.from(
        { length: 8 },
        (_, i) =>
          `${'b'.repeat(i + 1)}: &${'b'.repeat(i + 1)} [${Array(10)
            .fill(i === 0 ? '*a' : `*${'b'.repeat(i)}`)
            .join(', ')}]`,
      ).join('\n');
    expect(problemsOf(bomb)).toEqual([expect.stringMatching(/^invalid YAML: Excessive alias count/)]);
    expect(problemsOf('rules: []', 'policy.toml')).toEqual(['unsupported extension ".toml": use .yaml, .yml or .json']);
  });
});

describe('policy file at start', () => {
  it('throws an error naming the file and the problem when the file is invalid or missing', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const file = join(dir, 'policy.yaml');
      await writeFile(file, 'rules:\n  - when: { claim: groups, includes: a }\n    grant: ["bad scope"]\n');
      expect(() => createPolicyStore({ file, watch: false, pollIntervalMs: 0 })).toThrow(
        `Invalid policy file ${file}:\n  - rules[0].grant[0]: not a scope token`,
      );
      const missing = join(dir, 'absent.json');
      expect(() => createPolicyStore({ file: missing })).toThrow(
        new PolicyFileError(missing, ['the file does not exist']),
      );
    } finally {
      await cleanup();
    }
  });
});
