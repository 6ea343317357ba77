/** The words of the emails Parley sends: plain text, what people wrote quoted as written. */
import type { Message } from '@parley/protocol';
import type { OutgoingEmail } from './mailer';

function speaker(message: Message, siteName: string): string {
  if (message.author.kind === 'visitor') return 'You';
  if (message.author.kind === 'agent') return message.author.name ?? siteName;
  return siteName;
}

function timeOf(message: Message): string {
  return `${message.createdAt.slice(0, 16).replace('T', ' ')} UTC`;
}

/** One or more agent replies the visitor has not seen, with the link that answers them. */
export function replyEmail(to: string, siteName: string, replies: Message[], link: string, linkTtlDays: number): OutgoingEmail {
  const lines = replies.map((message) => `${speaker(message, siteName)} (${timeOf(message)}):\n${message.body}`);
  return {
    to,
    subject: replies.length === 1 ? `New reply from ${siteName}` : `${replies.length} new replies from ${siteName}`,
    text: [
      `${siteName} answered your message:`,
      '',
      lines.join('\n\n'),
      '',
      `Reply here (the link works for ${linkTtlDays} days):`,
      link,
      '',
      'You get this email because you left this address in the chat on our website.',
    ].join('\n'),
  };
}

/** The conversation as its visitor saw it (notes were never part of it). */
export function transcriptEmail(to: string, siteName: string, messages: Message[]): OutgoingEmail {
  const lines = messages.map((message) =>
    message.kind === 'event' ? `— ${message.body} (${timeOf(message)})` : `${speaker(message, siteName)} (${timeOf(message)}):\n${message.body}`,
  );
  return {
    to,
    subject: `Your chat with ${siteName}`,
    text: [`Your chat with ${siteName}, as you asked:`, '', lines.join('\n\n'), ''].join('\n'),
  };
}
