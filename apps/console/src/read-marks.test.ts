import { describe, expect, it } from 'vitest';
import { applyRead, deliveryOf, NO_MARKS } from './read-marks';

describe('read marks', () => {
  it('moves forward only, and seen carries delivered with it', () => {
    let marks = applyRead(NO_MARKS, { side: 'visitor', state: 'delivered', seq: 4 });
    expect(marks).toEqual({ deliveredSeq: 4, seenSeq: 0 });
    marks = applyRead(marks, { side: 'visitor', state: 'seen', seq: 6 });
    expect(marks).toEqual({ deliveredSeq: 6, seenSeq: 6 });
    const same = applyRead(marks, { side: 'visitor', state: 'delivered', seq: 2 });
    expect(same).toBe(marks);
  });

  it('ignores agents’ reads', () => {
    expect(applyRead(NO_MARKS, { side: 'agent', state: 'seen', seq: 9 })).toBe(NO_MARKS);
  });

  it('says Sent, Delivered or Seen for a message by its seq', () => {
    const marks = { deliveredSeq: 5, seenSeq: 3 };
    expect(deliveryOf(3, marks)).toBe('seen');
    expect(deliveryOf(4, marks)).toBe('delivered');
    expect(deliveryOf(6, marks)).toBe('sent');
  });
});
