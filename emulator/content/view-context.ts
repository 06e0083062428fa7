import type { ILookModel } from '@looker/sdk';
import type { AccessPolicy } from '../access/policy';
import { findUser } from '../access/users';
import { models } from '../model/models';

/** What the content views need beyond the content: the instance URL and the caller's access. */
export interface ViewContext {
  /** The instance's base URL (`http://127.0.0.1:PORT`), for the absolute URLs Looker reports. */
  webUrl: string;
  policy: AccessPolicy;
}

/** Display name of a user id, as Looker reports it in `user_name`. */
export function userName(id: string): string | null {
  const user = findUser(id);
  return user ? `${user.firstName} ${user.lastName}` : null;
}

/** Looker's `LookModel` reference (`{ id, label }`) for a model name. */
export function lookModel(name: string): ILookModel {
  const model = models.find((m) => m.name === name);
  return { id: name, label: model?.label ?? name };
}

/** The views an explore reaches (its base view and its joins), to decide which filters a tile hears. */
export function exploreViews(model: string, explore: string): readonly string[] {
  const def = models.find((m) => m.name === model)?.explores.find((e) => e.name === explore);
  return def ? [def.baseView, ...def.joins.map((j) => j.view)] : [];
}
