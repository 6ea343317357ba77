/** Examples of the frames in rating.ts, merged into examples.ts (and shown in docs/protocol.md). */
import type { RatingRecorded, RatingRequested, RatingSubmit } from './rating';

const conversationId = '7d1c2a9e-3b5f-4c1d-9e8a-2f6b0c4d8e11';

const recorded: RatingRecorded = {
  type: 'rating.recorded',
  conversationId,
  rating: { score: 'good', comment: 'Quick and clear, thanks!', ratedAt: '2026-01-01T00:10:00.000Z' },
};

export const ratingWidgetToRelayExamples: { 'rating.submit': RatingSubmit } = {
  'rating.submit': { type: 'rating.submit', conversationId, score: 'good', comment: 'Quick and clear, thanks!' },
};

export const ratingRelayToWidgetExamples: { 'rating.requested': RatingRequested; 'rating.recorded': RatingRecorded } = {
  'rating.requested': { type: 'rating.requested', conversationId },
  'rating.recorded': recorded,
};

export const ratingRelayToConsoleExamples: { 'rating.recorded': RatingRecorded } = { 'rating.recorded': recorded };
