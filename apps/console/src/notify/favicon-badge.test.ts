import { describe, expect, it } from 'vitest';
import { badgeLabel } from './favicon-badge';

describe('badgeLabel', () => {
  it('draws nothing for zero, the count up to nine, then 9+', () => {
    expect(badgeLabel(0)).toBeNull();
    expect(badgeLabel(1)).toBe('1');
    expect(badgeLabel(9)).toBe('9');
    expect(badgeLabel(10)).toBe('9+');
  });
});
