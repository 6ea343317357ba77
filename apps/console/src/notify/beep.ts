/** A short two-tone chime made with WebAudio: no sound file to fetch, cache or allow in the CSP. */
export interface Beeper {
  beep(): void;
  dispose(): void;
}

type AudioContextCtor = new () => AudioContext;

/**
 * Browsers block audio until the page has had a user gesture, so the AudioContext is created (or
 * resumed) on the first pointer or key press; a beep before that is skipped, not queued.
 */
export function createBeeper(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = window): Beeper {
  const Ctor = (globalThis as { AudioContext?: AudioContextCtor }).AudioContext;
  let context: AudioContext | null = null;

  const unlock = () => {
    if (!Ctor) return;
    context ??= new Ctor();
    if (context.state === 'suspended') void context.resume();
  };
  target.addEventListener('pointerdown', unlock);
  target.addEventListener('keydown', unlock);

  return {
    beep() {
      if (!context || context.state !== 'running') return;
      const start = context.currentTime;
      const gain = context.createGain();
      gain.connect(context.destination);
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.3);
      for (const [frequency, at] of [
        [880, 0],
        [1320, 0.09],
      ] as const) {
        const tone = context.createOscillator();
        tone.type = 'sine';
        tone.frequency.value = frequency;
        tone.connect(gain);
        tone.start(start + at);
        tone.stop(start + 0.3);
      }
    },
    dispose() {
      target.removeEventListener('pointerdown', unlock);
      target.removeEventListener('keydown', unlock);
      void context?.close();
      context = null;
    },
  };
}
