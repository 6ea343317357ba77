/** The chat panel's words in German: a module of its own, fetched only by visitors who read German (strings.ts). */
import type { ChatStrings } from './strings';

const DE: ChatStrings = {
  unread: 'ungelesen',
  chat: 'Chat',
  closeChat: 'Chat schließen',
  messages: 'Nachrichten',
  message: 'Nachricht',
  placeholder: 'Nachricht schreiben…',
  name: 'Name',
  email: 'E-Mail',
  send: 'Senden',
  sending: 'Wird gesendet…',
  notSent: 'Nicht gesendet.',
  retry: 'Erneut versuchen',
  discard: 'Verwerfen',
  reconnecting: 'Verbindung wird wiederhergestellt…',
  unavailable: 'Der Chat ist gerade nicht verfügbar.',
  reloadToContinue: 'Dieser Chat wurde aktualisiert. Laden Sie die Seite neu, um fortzufahren.',
  typing: '{name} schreibt…',
  agent: 'Mitarbeiter',
  queuePosition: 'Sie sind Nummer {position} in der Warteschlange',
  queueMinutes: 'etwa {minutes} Min.',
  queueUnderMinute: 'weniger als eine Minute',
  away: 'Wir sind nicht da. Schreiben Sie uns.',
  emailTranscript: 'Per E-Mail erhalten',
  transcriptSent: 'Gesendet.',
  rate: 'Wie war dieser Chat?',
  comment: 'Kommentar (optional)',
  thanks: 'Danke für Ihr Feedback!',
  joined: '{name} ist dem Gespräch beigetreten.',
  seen: 'Gesehen',
};

export default DE;
