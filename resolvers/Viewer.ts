import type { ViewerResolvers } from '../src/generated/resolvers-types';

/** The caller: subject and client come straight from the principal. */
export const Viewer: ViewerResolvers = {
  scopes: (principal) => [...principal.scopes].sort(),
};
