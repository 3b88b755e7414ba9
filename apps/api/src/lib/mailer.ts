// Email out of Fundline: through the SMTP server FUNDLINE_SMTP_URL names (nodemailer), or, in
// development with none set, written to the console so a person running `pnpm start` sees
// exactly what would have gone.
import nodemailer from "nodemailer";

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
};

export type Mailer = { send: (email: OutgoingEmail) => Promise<void>; close: () => void; describe: string };

export function smtpMailer(options: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.url);
  return {
    describe: `SMTP at ${new URL(options.url).host}`,
    send: async (email) => {
      await transport.sendMail({ from: options.from, ...email });
    },
    close: () => transport.close(),
  };
}

/** Development without SMTP: each email as its plain text, on the console. */
export function consoleMailer(write: (text: string) => void = console.log): Mailer {
  return {
    describe: "the console (no FUNDLINE_SMTP_URL set)",
    send: async (email) => {
      write(
        [
          "─── Email that would be sent (development: no FUNDLINE_SMTP_URL) ───",
          `To: ${email.to}`,
          `Subject: ${email.subject}`,
          "",
          email.text,
          "─".repeat(64),
        ].join("\n"),
      );
    },
    close: () => {},
  };
}

/** The mailer the settings call for; null where email cannot go (production with no SMTP server). */
export function mailerFor(settings: { smtpUrl?: string; from: string; production: boolean }): Mailer | null {
  if (settings.smtpUrl) return smtpMailer({ url: settings.smtpUrl, from: settings.from });
  return settings.production ? null : consoleMailer();
}
