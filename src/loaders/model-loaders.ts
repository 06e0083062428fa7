import DataLoader from 'dataloader';
import type { ILookmlModel, ILookmlModelExplore, IQuery } from '@looker/sdk';
import type { LookerClient } from '../looker/looker-client';
import {
  dataLoaderOptions,
  inKeyOrder,
  type Limit,
  loadEach,
  type LoaderOptions,
  nullIfNotFound,
} from './loader-options';
import type { RequestCache } from './request-cache';

const modelResources = (model: ILookmlModel) => [`model:${model.name}`];

/**
 * LookML models by name, cached per name. Looker cannot fetch several models by name at once, but
 * one `all_lookml_models` call answers any number of them, so two or more misses use it.
 */
export function createModelLoader(
  client: LookerClient,
  cache: RequestCache,
  options: LoaderOptions,
): DataLoader<string, ILookmlModel | null> {
  return new DataLoader(
    (names) =>
      cache.loadMany(
        'metadata',
        'model',
        names,
        async (missing) => {
          if (missing.length === 1) return [await nullIfNotFound(client.lookmlModel(missing[0] as string))];
          return inKeyOrder(missing, await client.lookmlModels(), (m) => m.name);
        },
        { resources: modelResources },
      ),
    dataLoaderOptions(options),
  );
}

/** Every LookML model the Looker user may see, cached. */
export function createAllModels(client: LookerClient, cache: RequestCache): () => Promise<ILookmlModel[]> {
  return () =>
    cache.load('metadata', ['all_lookml_models'], () => client.lookmlModels(), {
      resources: (models) => models.flatMap(modelResources),
    });
}

/** Identifies an explore. */
export interface ExploreKey {
  readonly model: string;
  readonly name: string;
}

/**
 * Explores with their fields, one call each (no batch endpoint), de-duplicated and bounded.
 * Cached, so an explore's fields are fetched at most once per TTL and Looker identity in this process.
 */
export function createExploreLoader(
  client: LookerClient,
  cache: RequestCache,
  options: LoaderOptions,
  limit: Limit,
): DataLoader<ExploreKey, ILookmlModelExplore | null, string> {
  return new DataLoader<ExploreKey, ILookmlModelExplore | null, string>(
    (keys) =>
      loadEach(keys, limit, (k) =>
        cache.load('metadata', ['explore', k.model, k.name], () => nullIfNotFound(client.explore(k.model, k.name)), {
          resources: () => [`explore:${k.model}/${k.name}`],
        }),
      ),
    dataLoaderOptions<ExploreKey, ILookmlModelExplore | null, string>(options, (k) => `${k.model}/${k.name}`),
  );
}

/** Query definitions by id, one call each, cached, de-duplicated and bounded. */
export function createQueryLoader(
  client: LookerClient,
  cache: RequestCache,
  options: LoaderOptions,
  limit: Limit,
): DataLoader<string, IQuery | null> {
  return new DataLoader(
    (ids) =>
      loadEach(ids, limit, (id) =>
        cache.load('metadata', ['query', id], () => nullIfNotFound(client.query(id)), {
          resources: () => [`query:${id}`],
        }),
      ),
    dataLoaderOptions(options),
  );
}
