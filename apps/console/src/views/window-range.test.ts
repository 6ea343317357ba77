import { describe, expect, it } from 'vitest';
import { scrollToReveal, windowRange } from './window-range';

const base = { rowHeight: 50, viewportHeight: 200, overscan: 2 };

describe('windowRange', () => {
  it('renders the visible rows plus overscan at the top', () => {
    expect(windowRange({ ...base, count: 1000, scrollTop: 0 })).toEqual({ start: 0, end: 7, padTop: 0, padBottom: 993 * 50 });
  });

  it('moves the window with the scroll position and keeps the total height', () => {
    const range = windowRange({ ...base, count: 1000, scrollTop: 5000 });
    expect(range).toEqual({ start: 98, end: 107, padTop: 98 * 50, padBottom: 893 * 50 });
    expect(range.padTop + (range.end - range.start) * 50 + range.padBottom).toBe(1000 * 50);
  });

  it('renders everything when the list is shorter than the viewport', () => {
    expect(windowRange({ ...base, count: 3, scrollTop: 0 })).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 });
  });

  it('clamps a scroll position left over from a longer list', () => {
    const range = windowRange({ ...base, count: 10, scrollTop: 99_999 });
    expect(range.end).toBe(10);
    expect(range.start).toBeLessThan(10);
    expect(range.padTop + (range.end - range.start) * 50 + range.padBottom).toBe(500);
  });

  it('renders nothing for an empty list', () => {
    expect(windowRange({ ...base, count: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });
});

describe('scrollToReveal', () => {
  it('scrolls up to a row above the viewport and down to one below it', () => {
    expect(scrollToReveal(2, 50, 500, 200)).toBe(100);
    expect(scrollToReveal(20, 50, 500, 200)).toBe(850);
  });

  it('leaves the scroll alone when the row is in view', () => {
    expect(scrollToReveal(11, 50, 500, 200)).toBeNull();
  });
});
