import nodemailer from 'nodemailer';

/** Sends the staff sign-in link over SMTP. Plain, readable, no tracking. */
export async function sendMagicLink(input: { smtpUrl: string; from: string; to: string; url: string; expires: Date }): Promise<void> {
  const transport = nodemailer.createTransport(input.smtpUrl);
  const host = new URL(input.url).host;
  const minutes = Math.max(1, Math.round((input.expires.getTime() - Date.now()) / 60000));
  try {
    await transport.sendMail({
      to: input.to,
      from: input.from,
      subject: `Sign in to Undersigned staff (${host})`,
      text: `Sign in to Undersigned staff:\n\n${input.url}\n\nThe link works once and expires in ${minutes} minutes.\nIf you did not ask for it, ignore this email.\n`,
      html: `<div style="font-family:system-ui,sans-serif;max-width:480px;margin:0 auto;padding:24px;color:#0f172a">
<h1 style="font-size:18px;margin:0 0 16px">Sign in to Undersigned staff</h1>
<p style="margin:0 0 20px;font-size:14px;color:#334155">Use the button below to sign in. The link works once and expires in ${minutes} minutes.</p>
<p style="margin:0 0 24px"><a href="${escapeHtml(input.url)}" style="display:inline-block;background:#4f46e5;color:#fff;text-decoration:none;padding:10px 16px;border-radius:6px;font-size:14px;font-weight:600">Sign in</a></p>
<p style="font-size:12px;color:#64748b">If you did not ask for this email, ignore it.</p></div>`,
    });
  } finally {
    transport.close();
  }
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
