import nodemailer from 'nodemailer';

/** Tells an invited staff member where to sign in (they get a magic link from the login page). */
export async function sendStaffInvite(input: { smtpUrl: string; from: string; to: string; loginUrl: string; invitedBy: string }): Promise<void> {
  const transport = nodemailer.createTransport(input.smtpUrl);
  try {
    await transport.sendMail({
      to: input.to,
      from: input.from,
      subject: 'You have been invited to Undersigned staff',
      text: `${input.invitedBy} invited you to the Undersigned staff app.\n\nSign in with this address at ${input.loginUrl} — choose “Email me a sign-in link”.\n`,
    });
  } finally {
    transport.close();
  }
}
