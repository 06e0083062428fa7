import express, { type Request, type Response, type Router } from 'express';
import { ZodError } from 'zod';
import {
  credentialsSchema,
  faultSchema,
  latencySchema,
  lookTitleSchema,
  queryTimeSchema,
  resetSchema,
} from './control-schemas';
import type { EmulatorControl } from './emulator-control';

/** Runs a control action, answering 400 with the validation problems when its body is invalid. */
function guarded(action: (req: Request, res: Response) => void): (req: Request, res: Response) => void {
  return (req, res) => {
    try {
      action(req, res);
    } catch (error) {
      const message =
        error instanceof ZodError
          ? error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')
          : error instanceof Error
            ? error.message
            : 'Invalid request';
      res.status(400).json({ message });
    }
  };
}

/**
 * Routes outside Looker's namespace (`/__emulator/*`), not counted in the stats: counters,
 * latency, query time, faults, token expiry, credential rotation and look titles. No authentication: the emulator only serves tests and demos.
 */
export function controlRouter(control: EmulatorControl): Router {
  const router = express.Router();
  router.use(express.json());

  router.get('/stats', (_req, res) => {
    res.json(control.stats());
  });

  router.get('/requests', (_req, res) => {
    res.json({ requests: control.requests() });
  });

  router.get('/deliveries', (_req, res) => {
    res.json({ deliveries: control.deliveries() });
  });

  router.post(
    '/reset',
    guarded((req, res) => {
      control.reset(resetSchema.parse(req.body ?? {}));
      res.json(control.stats());
    }),
  );

  router.post(
    '/latency',
    guarded((req, res) => {
      const rule = latencySchema.parse(req.body ?? {});
      control.setLatency(rule);
      res.json(rule);
    }),
  );

  router.post(
    '/query-time',
    guarded((req, res) => {
      const rule = queryTimeSchema.parse(req.body ?? {});
      control.setQueryTime(rule);
      res.json(rule);
    }),
  );

  router.delete('/query-time', (_req, res) => {
    control.clearQueryTime();
    res.status(204).end();
  });

  router.get('/faults', (_req, res) => {
    res.json(control.faults());
  });

  router.post(
    '/faults',
    guarded((req, res) => {
      res.status(201).json(control.addFault(faultSchema.parse(req.body ?? {})));
    }),
  );

  router.delete('/faults', (_req, res) => {
    control.clearFaults();
    res.status(204).end();
  });

  // The answer never carries a secret: client id, rotations and the login tally only.
  router.get('/credentials', (_req, res) => {
    res.json(control.credentials());
  });

  router.post(
    '/credentials',
    guarded((req, res) => {
      res.json(control.rotateCredentials(credentialsSchema.parse(req.body ?? {})));
    }),
  );

  // Content as a Looker user may have typed it (emoji, bidi controls, quotes), without Looker's write API.
  router.patch(
    '/looks/:look_id',
    guarded((req, res) => {
      const { title } = lookTitleSchema.parse(req.body ?? {});
      const lookId = String(req.params.look_id);
      if (!control.setLookTitle(lookId, title)) {
        res.status(404).json({ message: `No look ${lookId}` });
        return;
      }
      res.json({ id: lookId, title });
    }),
  );

  router.post('/tokens/expire', (_req, res) => {
    control.expireTokens();
    res.status(204).end();
  });

  return router;
}
