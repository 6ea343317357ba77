import { describe, expect, it } from 'vitest';
import { findOptionalSpreadCalls } from '../optional-spread-calls';

describe('findOptionalSpreadCalls', () => {
  it('finds a call in an optional chain with a spread argument before another argument', () => {
    expect(findOptionalSpreadCalls('a?.f(...xs,1);b.c?.d.e(x,...ys,z)')).toEqual(['a?.f(...xs,1)', 'b.c?.d.e(x,...ys,z)']);
  });

  it('leaves alone a final spread, a spread outside optional chains, and optional calls without spread', () => {
    expect(findOptionalSpreadCalls('a?.f(x,...xs);g(...xs,1);a?.b(1,2);[...xs,1];a?.b;f?.()')).toEqual([]);
  });
});
