import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Caller } from '../access/policy';
import { QueryRunError, QueryValidationError, UnknownExploreError } from '../engine/types';
import { authenticate } from './authenticate';
import { API_PREFIX } from './control-schemas';
import { ApiError, errorBody, statusMessage } from './errors';
import { projectFields } from './fields-projection';
import { Params } from './params';
import type { EmulatorServices } from './services';

/** What a route handler receives. */
export interface RouteContext {
  req: Request;
  res: Response;
  params: Params;
  services: EmulatorServices;
  /** The authenticated caller. */
  caller: Caller;
  /** The route's key, `METHOD /api/4.0/template`, as controls name it. */
  routeKey: string;
}

/** A route handler: answers through `res` (usually with `sendJson`) or throws an `ApiError`. */
export type RouteHandler = (ctx: RouteContext) => Promise<void> | void;

/** A route handler that runs without authentication. */
export type PublicRouteHandler = (ctx: Omit<RouteContext, 'caller'>) => Promise<void> | void;

/** Adapts an authenticated handler: resolves the caller (or throws 401) before calling it. */
function withCaller(handler: RouteHandler): PublicRouteHandler {
  return (ctx) => handler({ ...ctx, caller: authenticate(ctx.req, ctx.services) });
}

/** Answers JSON with Looker's content type, applying the request's `fields` parameter. */
export function sendJson(ctx: Pick<RouteContext, 'res' | 'params'>, body: unknown, status = 200): void {
  const projected = projectFields(body, ctx.params.string('fields'));
  ctx.res.status(status).type('application/json').send(JSON.stringify(projected));
}

/** Body parsers run inside the pipeline, so a malformed body is counted and answered like Looker. */
const parsers: RequestHandler[] = [
  express.json({ limit: '1mb' }),
  express.urlencoded({ extended: false, limit: '1mb' }),
];

/** Runs connect-style middleware as a promise. */
function run(middleware: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    void middleware(req, res, (err?: unknown) =>
      err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(),
    );
  });
}

/** Waits `ms`, or less if the client goes away first. */
function delay(ms: number, res: Response): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    res.once('close', done);
    function done(): void {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    }
  });
}

/** Maps a thrown error to the `ApiError` Looker would answer with. */
function toApiError(error: unknown, services: EmulatorServices): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof QueryValidationError) return new ApiError(422, 'Validation Failed', error.errors);
  if (error instanceof UnknownExploreError) return new ApiError(404);
  // A database error in a format that carries rows only (csv, txt, md): no row can say it (a guess, see the README).
  if (error instanceof QueryRunError) return new ApiError(400, `${error.message} ${error.detail}`);
  if (error instanceof Error && 'type' in error && error.type === 'entity.parse.failed')
    return new ApiError(400, 'Malformed JSON body');
  services.onInternalError?.(error);
  return new ApiError(500);
}

/**
 * Registers Looker API routes on a router. Every request runs the same pipeline: count it under its
 * route template, apply injected latency and faults, parse the body, authenticate, handle, and
 * answer errors in Looker's shape with a `documentation_url` naming the template.
 */
export class ApiRoutes {
  constructor(
    private readonly router: Router,
    private readonly services: EmulatorServices,
  ) {}

  /** An authenticated GET route; `template` is relative to `/api/4.0` (`/looks/:look_id`). */
  get(template: string, handler: RouteHandler): void {
    this.add('GET', template, withCaller(handler));
  }

  /** An authenticated POST route. */
  post(template: string, handler: RouteHandler): void {
    this.add('POST', template, withCaller(handler));
  }

  /** An authenticated PATCH route (Looker's updates). */
  patch(template: string, handler: RouteHandler): void {
    this.add('PATCH', template, withCaller(handler));
  }

  /** An authenticated DELETE route. */
  delete(template: string, handler: RouteHandler): void {
    this.add('DELETE', template, withCaller(handler));
  }

  /** A route that needs no token (`POST /login`, `GET /versions`). */
  public(method: 'GET' | 'POST', template: string, handler: PublicRouteHandler): void {
    this.add(method, template, handler);
  }

  private add(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', template: string, handler: PublicRouteHandler): void {
    const routeKey = `${method} ${API_PREFIX}${template}`;
    const services = this.services;
    const pipeline = async (req: Request, res: Response): Promise<void> => {
      services.stats.count(routeKey);
      const fault = services.controls.takeFault(routeKey);
      const wait = services.controls.delayFor(routeKey);
      if (wait > 0) {
        res.setHeader('X-Emulator-Delay-Ms', String(wait));
        await delay(wait, res);
        if (res.destroyed) return;
      }
      if (fault?.hang) {
        services.controls.trackHang(routeKey, new Promise((resolve) => res.once('close', () => resolve())));
        return;
      }
      if (fault) {
        if (fault.retryAfter !== null) res.setHeader('Retry-After', String(fault.retryAfter));
        const body = errorBody(new ApiError(fault.status, statusMessage(fault.status)), method, template);
        res.status(fault.status).type('application/json').send(JSON.stringify(body));
        return;
      }
      const params = Params.of(req);
      try {
        if (method !== 'GET') for (const parser of parsers) await run(parser, req, res);
        await handler({ req, res, params, services, routeKey });
      } catch (error) {
        const apiError = toApiError(error, services);
        if (res.headersSent) return;
        res
          .status(apiError.status)
          .type('application/json')
          .send(JSON.stringify(errorBody(apiError, method, template)));
      }
    };
    const handlers: RequestHandler = (req, res, next) => {
      pipeline(req, res).catch(next);
    };
    if (method === 'GET') this.router.get(template, handlers);
    else if (method === 'POST') this.router.post(template, handlers);
    else if (method === 'PATCH') this.router.patch(template, handlers);
    else this.router.delete(template, handlers);
  }
}
