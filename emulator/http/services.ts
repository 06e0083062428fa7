import type { ApiCredentials } from '../access/api-credentials';
import type { EmulatorFlavor } from '../access/users';
import type { SessionStore } from '../access/sessions';
import type { ContentStore } from '../content/content-store';
import type { QueryStore } from '../content/query-store';
import type { ScheduleStore } from '../content/schedule-store';
import type { Engine } from '../engine/types';
import type { Controls } from './controls';
import type { QueryTaskStore } from './query-task-store';
import type { RequestStats } from './stats';

/** Everything the HTTP layer of one emulator instance works with. No global state: one per instance. */
export interface EmulatorServices {
  engine: Engine;
  content: ContentStore;
  queries: QueryStore;
  /** Scheduled plans and the deliveries their runs recorded. */
  schedules: ScheduleStore;
  sessions: SessionStore;
  tasks: QueryTaskStore;
  controls: Controls;
  stats: RequestStats;
  /** The API3 credentials `POST /login` accepts (they belong to user "1"); rotatable. */
  credentials: ApiCredentials;
  /** `core` enforces Looker (Google Cloud core)'s limits on per-user access (see emulator/README.md). */
  flavor: EmulatorFlavor;
  /** The user `POST /login` with the API3 credentials acts as (user "1", an admin, by default). */
  apiUserId: string;
  /** The instance's base URL, known once the server listens. */
  webUrl(): string;
  /** Receives unexpected errors (answered as 500); the CLI prints them. */
  onInternalError?: (error: unknown) => void;
}
