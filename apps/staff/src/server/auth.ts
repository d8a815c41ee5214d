import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import Nodemailer from 'next-auth/providers/nodemailer';
import { PrismaAdapter } from '@auth/prisma-adapter';
import { z } from 'zod';
import { authenticateStaffPassword, maySignInByEmail, recordStaffSignIn } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { staffEnv } from './env';
import { staffLogger } from './log';
import { sendMagicLink } from './send-magic-link';

const credentialsSchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(500),
});

class InvalidLogin extends CredentialsSignin {
  override code = 'invalid_login';
}

// Lazy config: env is validated on the first request, not while `next build` collects pages.
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const env = staffEnv();
  const db = getDb();
  return {
    // next-auth's own tables (user, account, session, verificationToken) through its Prisma
    // adapter: the one place the staff app hands the Prisma client to code other than core.
    adapter: PrismaAdapter(db),
    secret: env.AUTH_SECRET,
    trustHost: true,
    session: { strategy: 'jwt', maxAge: env.STAFF_SESSION_HOURS * 3600, updateAge: 3600 },
    pages: { signIn: '/login', verifyRequest: '/login/check-email', error: '/login' },
    // next-auth's own messages (a failed sign-in, a bad link) as JSON lines of the staff app's logger.
    logger: {
      error: (error) => staffLogger().error({ component: 'auth', err: error }, 'auth error'),
      warn: (code) => staffLogger().warn({ component: 'auth', code }, 'auth warning'),
      debug: () => undefined,
    },
    providers: [
      Credentials({
        id: 'password',
        name: 'Password',
        credentials: { email: {}, password: {} },
        async authorize(raw) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) throw new InvalidLogin();
          const actor = await authenticateStaffPassword(db, parsed.data);
          if (!actor) throw new InvalidLogin();
          return { id: actor.id, email: actor.email, name: actor.name };
        },
      }),
      Nodemailer({
        id: 'email',
        server: env.SMTP_URL,
        from: env.MAIL_FROM,
        maxAge: 15 * 60,
        sendVerificationRequest: ({ identifier, url, expires }) =>
          sendMagicLink({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, to: identifier, url, expires }),
      }),
    ],
    callbacks: {
      async signIn({ user, account, email }) {
        if (account?.provider === 'email') {
          const address = user.email ?? account.providerAccountId;
          if (!address || !(await maySignInByEmail(db, address))) {
            // Same answer as for staff: no hint whether the address has an account.
            return email?.verificationRequest ? '/login/check-email' : '/login?error=AccessDenied';
          }
          // The link was followed (not just requested): a sign-in.
          if (!email?.verificationRequest && user.id) await recordStaffSignIn(db, { userId: user.id });
        }
        return true;
      },
      jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
});
