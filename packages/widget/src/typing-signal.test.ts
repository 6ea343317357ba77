import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TYPING_IDLE_MS, TYPING_START_INTERVAL_MS, TypingSignal } from './typing-signal';

describe('TypingSignal', () => {
  let signals: boolean[];
  let typing: TypingSignal;
  beforeEach(() => {
    vi.useFakeTimers();
    signals = [];
    typing = new TypingSignal((value) => signals.push(value));
  });
  afterEach(() => {
    typing.dispose();
    vi.useRealTimers();
  });

  it('sends one start per interval while the visitor keeps typing', () => {
    for (let i = 0; i < 10; i++) {
      typing.input();
      vi.advanceTimersByTime(300);
    }
    // 10 keystrokes over 3 s: a start at 0 ms and one at 2100 ms.
    expect(signals).toEqual([true, true]);
    expect(TYPING_START_INTERVAL_MS).toBe(2000);
  });

  it('sends a stop after an idle pause, once', () => {
    typing.input();
    vi.advanceTimersByTime(TYPING_IDLE_MS - 1);
    expect(signals).toEqual([true]);
    vi.advanceTimersByTime(1);
    expect(signals).toEqual([true, false]);
    vi.advanceTimersByTime(10_000);
    expect(signals).toEqual([true, false]);
  });

  it('stops at once on send and not again when the idle timer would have fired', () => {
    typing.input();
    typing.stop();
    vi.advanceTimersByTime(TYPING_IDLE_MS * 2);
    expect(signals).toEqual([true, false]);
  });

  it('sends nothing on stop when no start is outstanding', () => {
    typing.stop();
    expect(signals).toEqual([]);
  });

  it('starts again on the first keystroke after a send, however soon', () => {
    typing.input();
    typing.stop();
    vi.advanceTimersByTime(100);
    typing.input();
    expect(signals).toEqual([true, false, true]);
  });
});
