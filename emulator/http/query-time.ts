import type { RouteContext } from './api-router';

/**
 * Holds a synchronous query run for the query time set on its route (`/__emulator/query-time`),
 * as a slow database would. Resolves false when the client went away meanwhile: nobody is left
 * to answer, and the run is dropped.
 */
export function holdForQueryTime(ctx: Pick<RouteContext, 'res' | 'services' | 'routeKey'>): Promise<boolean> {
  const ms = ctx.services.controls.queryTimeFor(ctx.routeKey);
  if (ms <= 0) return Promise.resolve(true);
  const { res } = ctx;
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(true), ms);
    const gone = () => finish(false);
    res.once('close', gone);
    function finish(stillThere: boolean): void {
      clearTimeout(timer);
      res.off('close', gone);
      resolve(stillThere && !res.destroyed);
    }
  });
}
