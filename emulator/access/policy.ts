import type { UserDef } from './users';

/**
 * What one user may reach. Folder grants extend to descendants, as Looker's folder access does;
 * model grants are the user's model set. Admins reach everything.
 */
export class AccessPolicy {
  constructor(
    readonly user: UserDef,
    /** Folder id → parent folder id, to walk up from a folder to its granted ancestor. */
    private readonly parents: ReadonlyMap<string, string | null>,
    /** Personal folder id → owner: a personal folder (and what is in it) is its owner's and admins' only. */
    private readonly personalOwners: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** True for admins: every folder and model, `login_user`, other users' details. */
  get isAdmin(): boolean {
    return this.user.access.isAdmin;
  }

  /** Whether the folder (or one of its ancestors) is granted. */
  canSeeFolder(folderId: string | null | undefined): boolean {
    const granted = this.user.access.folders;
    if (granted === 'all') return true;
    const seen = new Set<string>();
    let current = folderId ?? null;
    while (current !== null && !seen.has(current)) {
      if (granted.includes(current)) return true;
      const owner = this.personalOwners.get(current);
      if (owner !== undefined) return owner === this.user.id;
      seen.add(current);
      current = this.parents.get(current) ?? null;
    }
    return false;
  }

  /**
   * Whether the user may write content into the folder (Looker's "edit"/manage access): admins
   * everywhere, anyone in their own personal folder, others where an edit grant covers the folder
   * or one of its ancestors. Editing implies seeing.
   */
  canEditFolder(folderId: string | null | undefined): boolean {
    if (this.isAdmin) return true;
    if (!this.canSeeFolder(folderId)) return false;
    const granted = this.user.access.editFolders ?? [];
    const seen = new Set<string>();
    let current = folderId ?? null;
    while (current !== null && !seen.has(current)) {
      if (granted.includes(current)) return true;
      const owner = this.personalOwners.get(current);
      if (owner !== undefined) return owner === this.user.id;
      seen.add(current);
      current = this.parents.get(current) ?? null;
    }
    return false;
  }

  /** Whether the model is in the user's model set. */
  canUseModel(model: string): boolean {
    const granted = this.user.access.models;
    return granted === 'all' || granted.includes(model);
  }
}

/** The authenticated caller of one API request. */
export interface Caller {
  user: UserDef;
  policy: AccessPolicy;
  token: string;
}
