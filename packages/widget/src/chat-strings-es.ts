/** The chat panel's words in Spanish: a module of its own, fetched only by visitors who read Spanish (strings.ts). */
import type { ChatStrings } from './strings';

const ES: ChatStrings = {
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
};

export default ES;
