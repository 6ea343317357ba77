/**
 * Rating at close: the visitor says whether a closed conversation went well, with an optional
 * comment. Two scores, good and bad, rather than 1-5: one tap is what most visitors give at the
 * end of a chat, and a two-way split reads the same in every report (share of good).
 * A conversation holds one rating; the visitor may change it while the change window lasts.
 */
import { Type, type Static } from '@sinclair/typebox';
import { RATING_LIMITS, RATING_SCORES } from './rating-light';
import { IsoDateTime, Nullable, StringEnum, Uuid } from './models';

export const RatingScore = StringEnum(RATING_SCORES);
export type RatingScore = Static<typeof RatingScore>;

export const ConversationRating = Type.Object({
  score: RatingScore,
  /** The visitor's words; null when they left none. Plain text, never HTML. */
  comment: Nullable(Type.String()),
  ratedAt: IsoDateTime,
});
export type ConversationRating = Static<typeof ConversationRating>;

/**
 * Visitor -> relay: rate a closed conversation of this visitor. Answered by `rating.recorded`,
 * or an error frame: `not_found` (not this visitor's), `conflict` (not closed, or the change
 * window is over).
 */
export const RatingSubmit = Type.Object({
  type: Type.Literal('rating.submit'),
  conversationId: Uuid,
  score: RatingScore,
  comment: Type.Optional(Type.String({ maxLength: RATING_LIMITS.maxCommentLength })),
});
export type RatingSubmit = Static<typeof RatingSubmit>;

/** Relay -> widget: the conversation on screen was closed; the widget asks for a rating. */
export const RatingRequested = Type.Object({ type: Type.Literal('rating.requested'), conversationId: Uuid });
export type RatingRequested = Static<typeof RatingRequested>;

/** Relay -> widget (all the visitor's tabs) and console (agents watching): the rating as stored. */
export const RatingRecorded = Type.Object({ type: Type.Literal('rating.recorded'), conversationId: Uuid, rating: ConversationRating });
export type RatingRecorded = Static<typeof RatingRecorded>;

/* ---------- reports ---------- */

export const RATING_PERIODS = ['day', 'week', 'month'] as const;

export const RatingReportQuery = Type.Object(
  {
    /** Start of the range, inclusive; defaults to 30 days before `to`. */
    from: Type.Optional(IsoDateTime),
    /** End of the range, exclusive; defaults to now. */
    to: Type.Optional(IsoDateTime),
    /** Bucket size, in UTC; defaults to day. Weeks start on Monday. */
    period: Type.Optional(StringEnum(RATING_PERIODS)),
  },
  { additionalProperties: false },
);
export type RatingReportQuery = Static<typeof RatingReportQuery>;

export const RatingCounts = Type.Object({
  good: Type.Integer({ minimum: 0 }),
  bad: Type.Integer({ minimum: 0 }),
  /** Ratings that came with a comment. */
  commented: Type.Integer({ minimum: 0 }),
});
export type RatingCounts = Static<typeof RatingCounts>;

export const RatingBucket = Type.Composite([Type.Object({ start: IsoDateTime }), RatingCounts]);
export type RatingBucket = Static<typeof RatingBucket>;

/** Ratings of the workspace's conversations by when they were rated; buckets without ratings are left out. */
export const RatingReportReply = Type.Object({
  from: IsoDateTime,
  to: IsoDateTime,
  period: StringEnum(RATING_PERIODS),
  buckets: Type.Array(RatingBucket),
  totals: RatingCounts,
});
export type RatingReportReply = Static<typeof RatingReportReply>;

export const ConversationRatingReply = Type.Object({ rating: Nullable(ConversationRating) });
export type ConversationRatingReply = Static<typeof ConversationRatingReply>;

/** The frames of this file, for the unions in widget-frames.ts and console-frames.ts. */
export const RATING_WIDGET_TO_RELAY = [RatingSubmit] as const;
export const RATING_RELAY_TO_WIDGET = [RatingRequested, RatingRecorded] as const;
export const RATING_RELAY_TO_CONSOLE = [RatingRecorded] as const;
