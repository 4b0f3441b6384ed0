/** How many people found one FAQ answer helpful or not, in one organization. Counts only. */
export interface FeedbackCounts {
  entryId: string;
  helpful: number;
  notHelpful: number;
}

/** "Was this helpful?" results per FAQ entry; no message text and nobody's identity is kept. */
export interface FaqFeedbackStore {
  /** Adds one vote and returns the counts after it. Concurrent votes are never lost. */
  record(tenantId: string, entryId: string, helpful: boolean): Promise<FeedbackCounts>;
  /** Zero counts for an entry nobody rated. */
  get(tenantId: string, entryId: string): Promise<FeedbackCounts>;
  /** Every rated entry of an organization. */
  list(tenantId: string): Promise<FeedbackCounts[]>;
}
