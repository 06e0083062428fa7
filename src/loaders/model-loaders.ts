import DataLoader from 'dataloader';
import type { ILookmlModel, ILookmlModelExplore, IQuery } from '@looker/sdk';
import type { LookerClient } from '../looker/looker-client';
import { dataLoaderOptions, inKeyOrder, type Limit, loadEach, type LoaderOptions, nullIfNotFound } from './loader-options';

/**
 * LookML models by name. Looker cannot fetch several models by name at once, but one
 * `all_lookml_models` call answers any number of them, so a batch of two or more uses it.
 */
export function createModelLoader(client: LookerClient, options: LoaderOptions): DataLoader<string, ILookmlModel | null> {
  return new DataLoader(async (names) => {
    if (names.length === 1) return [await nullIfNotFound(client.lookmlModel(names[0] as string))];
    return inKeyOrder(names, await client.lookmlModels(), (m) => m.name);
  }, dataLoaderOptions(options));
}

/** Identifies an explore. */
export interface ExploreKey {
  readonly model: string;
  readonly name: string;
}

/** Explores with their fields, one call each (no batch endpoint), de-duplicated and bounded. */
export function createExploreLoader(client: LookerClient, options: LoaderOptions, limit: Limit): DataLoader<ExploreKey, ILookmlModelExplore | null, string> {
  return new DataLoader<ExploreKey, ILookmlModelExplore | null, string>(
    (keys) => loadEach(keys, limit, (k) => nullIfNotFound(client.explore(k.model, k.name))),
    dataLoaderOptions<ExploreKey, ILookmlModelExplore | null, string>(options, (k) => `${k.model}/${k.name}`),
  );
}

/** Query definitions by id, one call each, de-duplicated and bounded. */
export function createQueryLoader(client: LookerClient, options: LoaderOptions, limit: Limit): DataLoader<string, IQuery | null> {
  return new DataLoader(
    (ids) => loadEach(ids, limit, (id) => nullIfNotFound(client.query(id))),
    dataLoaderOptions(options),
  );
}
