import { AccessPolicy } from '../../../../emulator/access/policy';
import { SessionStore } from '../../../../emulator/access/sessions';
import { DEMO_USER_IDS, USERS, findUser, type UserDef } from '../../../../emulator/access/users';
import { FOLDERS, FOLDER_IDS } from '../../../../emulator/content/folders';

const parents = new Map(FOLDERS.map((f) => [f.id, f.parentId]));

/** The policy of a demo user. */
function policyOf(id: string): AccessPolicy {
  const user = findUser(id) as UserDef;
  return new AccessPolicy(user, parents);
}

describe('AccessPolicy', () => {
  it('extends a folder grant to its descendants, not to its parent', () => {
    const viewer = policyOf(DEMO_USER_IDS.viewer);
    expect(viewer.canSeeFolder(FOLDER_IDS.sales)).toBe(true);
    expect(viewer.canSeeFolder(FOLDER_IDS.regionalSales)).toBe(true);
    expect(viewer.canSeeFolder(FOLDER_IDS.shared)).toBe(false);
    expect(viewer.canSeeFolder(FOLDER_IDS.finance)).toBe(false);
  });

  it('grants models from the model set only', () => {
    expect(policyOf(DEMO_USER_IDS.viewer).canUseModel('ecommerce')).toBe(true);
    expect(policyOf(DEMO_USER_IDS.viewer).canUseModel('inventory')).toBe(false);
    expect(policyOf(DEMO_USER_IDS.nomodels).canUseModel('ecommerce')).toBe(false);
    expect(policyOf(DEMO_USER_IDS.analyst).canUseModel('inventory')).toBe(true);
  });

  it('gives admins everything', () => {
    const admin = policyOf(DEMO_USER_IDS.admin);
    expect(admin.isAdmin).toBe(true);
    expect(FOLDERS.every((f) => admin.canSeeFolder(f.id))).toBe(true);
    expect(policyOf(DEMO_USER_IDS.analyst).isAdmin).toBe(false);
  });

  it('gives every person an email and an embed login', () => {
    const people = USERS.filter((u) => u.id !== DEMO_USER_IDS.apiAdmin);
    expect(people.map((u) => u.login)).toEqual(['demo-analyst', 'demo-viewer', 'demo-nomodels', 'demo-admin']);
    expect(people.every((u) => /@example\.com$/.test(u.email))).toBe(true);
  });
});

describe('SessionStore', () => {
  it('issues opaque tokens that expire after the TTL on its clock', () => {
    let now = 1_000_000;
    const store = new SessionStore(60, () => now);
    const token = store.issue('2');
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 60 });
    const value = token.access_token ?? '';
    expect(store.resolve(value)?.userId).toBe('2');
    now += 59_999;
    expect(store.resolve(value)).toBeDefined();
    now += 1;
    expect(store.resolve(value)).toBeUndefined();
  });

  it('revokes one token, or all of them', () => {
    const store = new SessionStore(60);
    const a = store.issue('1').access_token ?? '';
    const b = store.issue('2').access_token ?? '';
    expect(a).not.toBe(b);
    store.revoke(a);
    expect(store.resolve(a)).toBeUndefined();
    expect(store.resolve(b)).toBeDefined();
    store.expireAll();
    expect(store.size).toBe(0);
  });
});
