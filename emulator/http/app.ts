import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { EmbedSso } from '../access/embed-sso';
import { ApiRoutes } from './api-router';
import { API_PREFIX } from './control-schemas';
import { controlRouter } from './control-routes';
import type { EmulatorControl } from './emulator-control';
import { ApiError, errorBody } from './errors';
import { registerDashboardRoutes } from './routes/dashboard-routes';
import { registerDashboardWriteRoutes } from './routes/dashboard-write-routes';
import { registerElementWriteRoutes } from './routes/element-write-routes';
import { registerFavoriteRoutes } from './routes/favorite-routes';
import { registerFilterWriteRoutes } from './routes/filter-write-routes';
import { registerLookWriteRoutes } from './routes/look-write-routes';
import { registerScheduledPlanRoutes } from './routes/scheduled-plan-routes';
import { embedControlRouter, embedLoginRouter, registerEmbedRoutes } from './routes/embed-routes';
import { registerFolderRoutes } from './routes/folder-routes';
import { registerLookRoutes } from './routes/look-routes';
import { registerMetaRoutes } from './routes/meta-routes';
import { registerModelRoutes } from './routes/model-routes';
import { registerSuggestionRoutes } from './routes/suggestion-routes';
import { registerQueryRoutes } from './routes/query-routes';
import { registerQueryTaskRoutes } from './routes/query-task-routes';
import { registerSessionRoutes } from './routes/session-routes';
import { registerUserRoutes } from './routes/user-routes';
import type { EmulatorServices } from './services';
import type { RecordedRequest } from './stats';

/** Builds the emulator's express application: Looker's API under `/api/4.0`, controls under `/__emulator`. */
export function createApp(services: EmulatorServices, control: EmulatorControl): Express {
  const app = express();
  app.disable('x-powered-by');
  // Looker does not answer conditional requests; ETags would only make clients see 304s.
  app.set('etag', false);

  // Signed embed URLs: Looker's embed secret and the embed users they logged in, per instance.
  const embed = new EmbedSso();
  app.use('/__emulator/embed', embedControlRouter(embed, services.webUrl));
  app.use('/__emulator', controlRouter(control));
  app.use(embedLoginRouter(embed, services.webUrl));
  app.get('/alive', (_req, res) => {
    res.status(200).end();
  });

  // Every API request, known route or not, is remembered with its trace context (`/__emulator/requests`).
  app.use(API_PREFIX, (req, res, next) => {
    const traceparent = req.header('traceparent');
    const recorded: RecordedRequest = {
      time: new Date().toISOString(),
      method: req.method,
      path: req.originalUrl.split('?')[0] ?? '',
      traceparent: traceparent ?? null,
      cache: typeof req.query.cache === 'string' ? req.query.cache : null,
      generate_drill_links: typeof req.query.generate_drill_links === 'string' ? req.query.generate_drill_links : null,
      server_table_calcs: typeof req.query.server_table_calcs === 'string' ? req.query.server_table_calcs : null,
    };
    services.stats.record(recorded);
    // Routes that read a query definition attach its body to this record (`recordQueryBody`).
    res.locals.recorded = recorded;
    next();
  });

  const api = express.Router({ caseSensitive: true, strict: false });
  const routes = new ApiRoutes(api, services);
  registerMetaRoutes(routes);
  registerSessionRoutes(routes);
  registerUserRoutes(routes);
  registerModelRoutes(routes);
  registerSuggestionRoutes(routes);
  registerEmbedRoutes(routes, embed);
  registerLookRoutes(routes);
  registerLookWriteRoutes(routes);
  registerDashboardRoutes(routes);
  registerDashboardWriteRoutes(routes);
  registerElementWriteRoutes(routes);
  registerFilterWriteRoutes(routes);
  registerFavoriteRoutes(routes);
  registerScheduledPlanRoutes(routes);
  registerFolderRoutes(routes);
  registerQueryRoutes(routes);
  registerQueryTaskRoutes(routes);
  app.use(API_PREFIX, api);

  // Anything else: Looker's 404 body. Unknown API routes are counted under one key per method.
  app.use((req: Request, res: Response) => {
    if (req.path.startsWith(`${API_PREFIX}/`)) services.stats.count(`${req.method} ${API_PREFIX}/<unknown route>`);
    res
      .status(404)
      .type('application/json')
      .send(JSON.stringify(errorBody(new ApiError(404), req.method, req.path)));
  });

  // Errors outside the API pipeline (a malformed control body, a bug): JSON, never a stack trace.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status =
      error instanceof Error && 'status' in error && typeof error.status === 'number' && error.status < 500
        ? error.status
        : 500;
    if (status === 500) services.onInternalError?.(error);
    if (!res.headersSent)
      res.status(status).json({ message: status === 500 ? 'Internal Server Error' : 'Bad Request' });
  });
  return app;
}
