import type { WriteAuditEvent } from '../audit/audit-event';
import type { Policy } from '../policy';

/** What a create with an `idempotencyKey` finds (see `src/writes/idempotency-store.ts`). */
export type IdempotencyClaim<T> =
  | { readonly kind: 'proceed' }
  | { readonly kind: 'replay'; readonly value: T }
  | { readonly kind: 'running' }
  | { readonly kind: 'other-input' };

/** Remembers creates by caller and `idempotencyKey`, across replicas with Redis. */
export interface IdempotencyClaims {
  claim<T>(subject: string, key: string, fingerprint: string): Promise<IdempotencyClaim<T>>;
  complete(subject: string, key: string, fingerprint: string, value: unknown): Promise<void>;
  release(subject: string, key: string): Promise<void>;
}

/** The process-wide parts every write uses (`src/writes`), one set per server. */
export interface WriteServices {
  /** The policy in force now: its rules' `writes:` say where each caller may write. */
  policy(): Policy;
  readonly idempotency: IdempotencyClaims;
  /** Charges one write to the caller's rate; LOOKER_RATE_LIMITED past it. */
  charge(subject: string, mutation: string): Promise<void>;
  /** Evicts cached Looker answers by tag (`look:12`, `dashboards`, …) on every replica. */
  evict(tags: readonly string[]): Promise<void>;
  /** Writes one event to the audit trail. */
  audit(event: WriteAuditEvent): void;
  /** Tiles a dashboard may have (`WRITE_MAX_DASHBOARD_TILES`). */
  readonly maxDashboardTiles: number;
}
