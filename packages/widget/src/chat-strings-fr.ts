/** The chat panel's words in French: a module of its own, fetched only by visitors who read French (strings.ts). */
import type { ChatStrings } from './strings';

const FR: ChatStrings = {
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
};

export default FR;
