import pLimit from 'p-limit';
import type { LookerClient } from '../looker/looker-client';
import { createDashboardDetailLoader, createDashboardElementsLoader, createDashboardLoader, createFolderLoader, createLookLoader } from './content-loaders';
import type { LoaderOptions } from './loader-options';
import { createExploreLoader, createModelLoader, createQueryLoader } from './model-loaders';
import { createInlineResultLoader, createSavedResultLoader } from './result-loaders';

/** Creates one request's loaders. Never share them between requests: they cache per caller. */
export function createLoaders(client: LookerClient, options: LoaderOptions) {
  const limiter = pLimit(options.concurrency);
  const limit = <T>(task: () => Promise<T>): Promise<T> => limiter(task);
  return {
    look: createLookLoader(client, options),
    dashboard: createDashboardLoader(client, options),
    dashboardDetail: createDashboardDetailLoader(client, options, limit),
    dashboardElements: createDashboardElementsLoader(client, options, limit),
    folder: createFolderLoader(client, options),
    model: createModelLoader(client, options),
    explore: createExploreLoader(client, options, limit),
    query: createQueryLoader(client, options, limit),
    savedResult: createSavedResultLoader(client, options, limit),
    inlineResult: createInlineResultLoader(client, options, limit),
  };
}

/** One request's loaders. */
export type Loaders = ReturnType<typeof createLoaders>;
