/** Outgoing mail through nodemailer's SMTP transport, configured by one URL (SMTP_URL). */
import { createTransport } from 'nodemailer';

export interface OutgoingEmail {
  to: string;
  subject: string;
  /** Plain text only: nothing an agent or visitor typed is ever rendered as HTML in a mail client. */
  text: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

export function createMailer(smtpUrl: string, from: string): Mailer {
  const transport = createTransport(smtpUrl);
  return {
    async send(email) {
      await transport.sendMail({ from, to: email.to, subject: email.subject, text: email.text });
    },
    close: () => transport.close(),
  };
}
