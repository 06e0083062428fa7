/** One subject of the review: what it held, used, touched and was refused over the period. */
export interface SubjectRow {
  readonly subject: string;
  readonly clientIds: readonly string[];
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly events: number;
  readonly scopesHeld: readonly string[];
  readonly scopesUsed: readonly string[];
  /** Held and never used in the period: candidates for removal. */
  readonly scopesUnused: readonly string[];
  readonly contentTouched: number;
  readonly queries: number;
  readonly rows: number;
  readonly exports: number;
  readonly embeds: number;
  readonly mcpToolCalls: number;
  readonly writes: number;
  readonly lookerCalls: number;
  readonly refusals: number;
}

/** One policy rule (role): who was seen with it, and which of its grants nobody used. */
export interface RoleRow {
  readonly role: string;
  readonly grants: readonly string[];
  readonly membersSeen: readonly string[];
  readonly grantsUsed: readonly string[];
  readonly grantsNeverUsed: readonly string[];
}

/** Refusals of one subject for one reason. */
export interface RefusalRow {
  readonly subject: string;
  readonly reason: string;
  readonly count: number;
  readonly first: string;
  readonly last: string;
}

/** One piece of content one subject touched. */
export interface ContentRow {
  readonly subject: string;
  readonly resource: string;
  readonly kind: string;
  /** The latest title the trail shows for it (exports and writes record titles), else empty. */
  readonly title: string;
  readonly reads: number;
  readonly exports: number;
  readonly writes: number;
  readonly first: string;
  readonly last: string;
}

/** Something a reviewer should look at. */
export interface AnomalyRow {
  readonly subject: string;
  /** `looker_calls_spike`, `large_export` or `refusal_burst`. */
  readonly kind: string;
  /** When: the day, the export's time, or the start of the burst's window. */
  readonly at: string;
  readonly value: number;
  /** What the value is measured against: the subject's median day, the row bound, the burst bound. */
  readonly baseline: number;
  readonly detail: string;
}

/** Events of one day (or week, over long periods) across all subjects. */
export interface ActivityPoint {
  readonly start: string;
  readonly events: number;
  readonly refusals: number;
  readonly lookerCalls: number;
}

/** Everything the review found, ready to write. */
export interface AccessReviewReport {
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly events: number;
  readonly eventsByType: Readonly<Record<string, number>>;
  readonly subjects: readonly SubjectRow[];
  /** Null without a policy file. */
  readonly roles: readonly RoleRow[] | null;
  readonly refusals: readonly RefusalRow[];
  readonly content: readonly ContentRow[];
  readonly anomalies: readonly AnomalyRow[];
  /** `day` or `week`: the width of each activity point. */
  readonly activityStep: 'day' | 'week';
  readonly activity: readonly ActivityPoint[];
}
