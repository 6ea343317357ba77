/**
 * Every word the visitor sees, in every language Parley speaks: the one catalog, in one place (this
 * file and the chat-strings-<lang>.ts modules beside it, checked complete by strings.test.ts). The
 * launcher's label is a table of its own, because the loader (which every page view pays for)
 * must carry only that; the chat's words for languages other than English load on demand.
 * A placeholder is `{name}`; `fill()` substitutes it.
 */

/** Languages with a complete catalog, as BCP 47 primary subtags. English is the fallback. */
export const LANGUAGES = ['en', 'fr', 'de', 'es', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Languages written right to left: the widget mirrors its layout for them. */
export const RTL_LANGUAGES: readonly Language[] = ['ar'];

export interface LauncherStrings {
  /** The bubble's accessible name. */
  openChat: string;
}

export interface ChatStrings {
  /** Read after the launcher badge's number by screen readers ("3 unread"); the badge shows only once the chat is loaded. */
  unread: string;
  /** Panel title while the site's name is not known yet. */
  chat: string;
  closeChat: string;
  messages: string;
  message: string;
  placeholder: string;
  /** The pre-chat form's fields (site settings), before the first message; `email` also labels the address in the leave-a-message form and the transcript request. */
  name: string;
  email: string;
  send: string;
  sending: string;
  notSent: string;
  retry: string;
  discard: string;
  reconnecting: string;
  unavailable: string;
  reloadToContinue: string;
  /** `{name}` is the agent's name, or `agent` when the relay gives none. */
  typing: string;
  agent: string;
  /** The visitor's place while no agent has their conversation yet; `{position}` is 1 for next. */
  queuePosition: string;
  /** Follows queuePosition after a dot: the estimated wait, rounded up to whole minutes. */
  queueMinutes: string;
  /** The estimated wait when it is under a minute. */
  queueUnderMinute: string;
  /** Outside business hours or with no agent online: said however the site handles it (form or queue). */
  away: string;
  emailTranscript: string;
  transcriptSent: string;
  /** The rating prompt after an agent closed the conversation; its two answers are 👍 and 👎. */
  rate: string;
  /** The optional comment box of the rating prompt. */
  comment: string;
  thanks: string;
  /** The transcript event when an agent takes the conversation; `{name}` is theirs. */
  joined: string;
  /** Under the visitor's last message once an agent has read it. */
  seen: string;
}

export type LauncherStringKey = keyof LauncherStrings;
export type ChatStringKey = keyof ChatStrings;
export type StringKey = LauncherStringKey | ChatStringKey;

export const LAUNCHER_STRINGS: Record<Language, LauncherStrings> = {
  en: { openChat: 'Open chat' },
  fr: { openChat: 'Ouvrir le chat' },
  de: { openChat: 'Chat öffnen' },
  es: { openChat: 'Abrir chat' },
  ar: { openChat: 'افتح المحادثة' },
};

/** English: in the panel module itself, since it is also every other language's stand-in. */
export const EN_CHAT_STRINGS: ChatStrings = {
  unread: 'unread',
  chat: 'Chat',
  closeChat: 'Close chat',
  messages: 'Messages',
  message: 'Message',
  placeholder: 'Write a message…',
  name: 'Name',
  email: 'Email',
  send: 'Send',
  sending: 'Sending…',
  notSent: 'Not sent.',
  retry: 'Retry',
  discard: 'Discard',
  reconnecting: 'Reconnecting…',
  unavailable: 'Chat is unavailable right now.',
  reloadToContinue: 'This chat was updated. Reload the page to continue.',
  typing: '{name} is typing…',
  agent: 'Agent',
  queuePosition: 'You are number {position} in line',
  queueMinutes: 'about {minutes} min',
  queueUnderMinute: 'less than a minute',
  away: 'We\'re away. Leave a message.',
  emailTranscript: 'Email me this chat',
  transcriptSent: 'Sent.',
  rate: 'How was this chat?',
  comment: 'Comment (optional)',
  thanks: 'Thanks for your feedback!',
  joined: '{name} joined the conversation.',
  seen: 'Seen',
};

/**
 * Every other language is a chunk of its own, fetched beside the panel only by the visitors who
 * read it: the panel carries one catalog, not five (issue 5's size budget).
 */
const OTHER_CATALOGS: Record<Exclude<Language, 'en'>, () => Promise<{ default: ChatStrings }>> = {
  fr: () => import('./chat-strings-fr'),
  de: () => import('./chat-strings-de'),
  es: () => import('./chat-strings-es'),
  ar: () => import('./chat-strings-ar'),
};

/** The chat panel's words in `language` (English for anything Parley does not speak). */
export async function loadChatStrings(language: Language): Promise<ChatStrings> {
  return language === 'en' || !(language in OTHER_CATALOGS) ? EN_CHAT_STRINGS : (await OTHER_CATALOGS[language]()).default;
}

/** Puts values into a catalog string's `{placeholders}`; an unknown placeholder stays as written. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
