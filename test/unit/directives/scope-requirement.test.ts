import {
  AUTHENTICATED,
  combineAll,
  combineRequirements,
  describeRequirement,
  isSatisfied,
  normalizeRequirement,
} from '../../../directives';

describe('scope requirements (OR of ANDs)', () => {
  it('is satisfied when every scope of some alternative is granted', () => {
    const requirement = [['looker:data:read', 'looker:sql:read'], ['looker:admin']];
    expect(isSatisfied(requirement, new Set(['looker:sql:read', 'looker:data:read']))).toBe(true);
    expect(isSatisfied(requirement, new Set(['looker:admin', 'other']))).toBe(true);
    expect(isSatisfied(requirement, new Set(['looker:data:read']))).toBe(false);
    expect(isSatisfied(requirement, new Set())).toBe(false);
  });

  it('lets any scope set through an authentication-only requirement', () => {
    expect(isSatisfied(AUTHENTICATED, new Set())).toBe(true);
  });

  it('combines with AND as the cross product of alternatives, deduplicated', () => {
    expect(combineRequirements([['a'], ['b']], [['c'], ['d']])).toEqual([
      ['a', 'c'],
      ['a', 'd'],
      ['b', 'c'],
      ['b', 'd'],
    ]);
    // (a ∨ b) ∧ (a ∨ b) = a ∨ b: the mixed pairs [a, b] are absorbed.
    expect(combineRequirements([['a'], ['b']], [['a'], ['b']])).toEqual([['a'], ['b']]);
    expect(combineRequirements([['b', 'a']], [['a', 'c']])).toEqual([['a', 'b', 'c']]);
  });

  it('treats authentication-only as the neutral element of AND', () => {
    expect(combineRequirements(AUTHENTICATED, [['x'], ['y']])).toEqual([['x'], ['y']]);
    expect(combineRequirements([['x']], AUTHENTICATED)).toEqual([['x']]);
    expect(combineRequirements(AUTHENTICATED, AUTHENTICATED)).toEqual([[]]);
  });

  it('drops repeated and absorbed alternatives', () => {
    expect(normalizeRequirement([['b', 'a', 'a'], ['a', 'b'], ['a', 'b', 'c'], ['d']])).toEqual([['a', 'b'], ['d']]);
  });

  it('combines any number of requirements, skipping absent ones', () => {
    expect(combineAll([])).toBeUndefined();
    expect(combineAll([undefined, undefined])).toBeUndefined();
    expect(combineAll([undefined, [['x']], undefined, [['y'], ['z']]])).toEqual([
      ['x', 'y'],
      ['x', 'z'],
    ]);
  });

  it('describes requirements for error messages', () => {
    expect(describeRequirement([['looker:data:read']])).toBe('scope looker:data:read');
    expect(describeRequirement([['a', 'b'], ['c']])).toBe('scopes a and b, or scope c');
  });
});
