/** Rating constants the widget needs, without the TypeBox runtime (re-exported by the light entry). */
export const RATING_SCORES = ['good', 'bad'] as const;

export const RATING_LIMITS = {
  /** Longest rating comment, in UTF-16 code units. */
  maxCommentLength: 1000,
  /** For how long after the close the visitor may give or change the rating. */
  changeWindowMs: 24 * 3600_000,
} as const;
