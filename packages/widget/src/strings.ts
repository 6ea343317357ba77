/**
 * Every word the visitor sees, in every language Parley speaks: the one catalog. Two tables,
 * because the loader (which every page view pays for) must carry only the launcher's label;
 * esbuild drops the chat table from the loader bundle since the loader never uses it.
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

export const CHAT_STRINGS: Record<Language, ChatStrings> = {
  en: {
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
  },
  fr: {
    unread: 'non lus',
    chat: 'Chat',
    closeChat: 'Fermer le chat',
    messages: 'Messages',
    message: 'Message',
    placeholder: 'Écrivez un message…',
    name: 'Nom',
    email: 'E-mail',
    send: 'Envoyer',
    sending: 'Envoi…',
    notSent: 'Non envoyé.',
    retry: 'Réessayer',
    discard: 'Supprimer',
    reconnecting: 'Reconnexion…',
    unavailable: 'Le chat est indisponible pour le moment.',
    reloadToContinue: 'Ce chat a été mis à jour. Rechargez la page pour continuer.',
    typing: '{name} écrit…',
    agent: 'Conseiller',
    queuePosition: 'Vous êtes numéro {position} dans la file',
    queueMinutes: 'environ {minutes} min',
    queueUnderMinute: 'moins d’une minute',
    away: 'Nous sommes absents. Laissez un message.',
    emailTranscript: 'Recevoir par e-mail',
    transcriptSent: 'Envoyé.',
    rate: 'Comment s’est passé ce chat ?',
    comment: 'Commentaire (facultatif)',
    thanks: 'Merci pour votre avis !',
    joined: '{name} a rejoint la conversation.',
    seen: 'Vu',
  },
  de: {
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
  },
  es: {
    unread: 'sin leer',
    chat: 'Chat',
    closeChat: 'Cerrar chat',
    messages: 'Mensajes',
    message: 'Mensaje',
    placeholder: 'Escribe un mensaje…',
    name: 'Nombre',
    email: 'Correo electrónico',
    send: 'Enviar',
    sending: 'Enviando…',
    notSent: 'No enviado.',
    retry: 'Reintentar',
    discard: 'Descartar',
    reconnecting: 'Reconectando…',
    unavailable: 'El chat no está disponible en este momento.',
    reloadToContinue: 'Este chat se ha actualizado. Recarga la página para continuar.',
    typing: '{name} está escribiendo…',
    agent: 'Agente',
    queuePosition: 'Eres el número {position} en la fila',
    queueMinutes: 'unos {minutes} min',
    queueUnderMinute: 'menos de un minuto',
    away: 'No estamos. Deja un mensaje.',
    emailTranscript: 'Recibir por correo',
    transcriptSent: 'Enviado.',
    rate: '¿Qué tal este chat?',
    comment: 'Comentario (opcional)',
    thanks: '¡Gracias por tu opinión!',
    joined: '{name} se unió a la conversación.',
    seen: 'Visto',
  },
  ar: {
    unread: 'غير مقروءة',
    chat: 'المحادثة',
    closeChat: 'أغلق المحادثة',
    messages: 'الرسائل',
    message: 'الرسالة',
    placeholder: 'اكتب رسالة…',
    name: 'الاسم',
    email: 'البريد الإلكتروني',
    send: 'أرسل',
    sending: 'جارٍ الإرسال…',
    notSent: 'لم تُرسل.',
    retry: 'أعد المحاولة',
    discard: 'تجاهل',
    reconnecting: 'جارٍ إعادة الاتصال…',
    unavailable: 'المحادثة غير متاحة الآن.',
    reloadToContinue: 'تم تحديث هذه المحادثة. أعد تحميل الصفحة للمتابعة.',
    typing: '{name} يكتب…',
    agent: 'الموظف',
    queuePosition: 'ترتيبك {position} في قائمة الانتظار',
    queueMinutes: 'حوالي {minutes} دقيقة',
    queueUnderMinute: 'أقل من دقيقة',
    away: 'لسنا متاحين. اترك رسالة.',
    emailTranscript: 'أرسلها لي بالبريد',
    transcriptSent: 'أُرسلت.',
    rate: 'كيف كانت هذه المحادثة؟',
    comment: 'تعليق (اختياري)',
    thanks: 'شكرًا على رأيك!',
    joined: 'انضم {name} إلى المحادثة.',
    seen: 'تمت القراءة',
  },
};

/** Puts values into a catalog string's `{placeholders}`; an unknown placeholder stays as written. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
