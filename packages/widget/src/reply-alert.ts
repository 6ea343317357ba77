import type { Message } from '@parley/protocol';
import { openStorage, readItem, storageKey, writeItem } from './visitor-storage';

let audio: AudioContext | undefined;

/**
 * A new agent reply while the chat is closed: one short tone per reply for the whole browser, and
 * the unread count flashing in the tab's title while the tab is in the background.
 *
 * One tone: tabs take the visitor's `ring` Web Lock in turn and only the first to mark the reply
 * as rung plays it. Autoplay rules: the tone only plays once the page has had a user gesture (the
 * AudioContext resumes then); before that the reply is shown silently.
 */
export function alertReply(siteKey: string, message: Message, unread: number): void {
  const storage = openStorage();
  const rung = storageKey(siteKey, 'rung');
  const ring = () => {
    if (readItem(storage, rung) === message.id) return;
    writeItem(storage, rung, message.id);
    tone();
  };
  const locks = navigator.locks;
  if (locks) void locks.request(storageKey(siteKey, 'ring'), ring).catch(() => undefined);
  else ring();
  if (document.hidden) flashTitle(unread);
}

function tone(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state !== 'running') return void audio.resume().catch(() => undefined);
    const at = audio.currentTime;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.08, at);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.25);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(at);
    oscillator.stop(at + 0.25);
  } catch {
    // No Web Audio (or it refused): the badge and the title still tell.
  }
}

let flashing: ReturnType<typeof setInterval> | undefined;

function flashTitle(unread: number): void {
  const original = document.title.replace(/^\(\d+\+?\) /, '');
  const marked = `(${unread > 99 ? '99+' : unread}) ${original}`;
  clearInterval(flashing);
  flashing = setInterval(() => (document.title = document.title === marked ? original : marked), 1000);
  document.title = marked;
  document.addEventListener(
    'visibilitychange',
    () => {
      clearInterval(flashing);
      document.title = original;
    },
    { once: true },
  );
}
