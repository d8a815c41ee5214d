import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { Alert, Button, Field, Input } from '@undersigned/ui';
import { currentStaff } from '@/server/current-staff';
import { signInWithEmail, signInWithPassword } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

const messages: Record<string, string> = {
  invalid_login: 'That email and password did not match an active staff account.',
  invalid_email: 'Enter a valid email address.',
  email_failed: 'We could not send the sign-in email. Try again in a minute.',
  AccessDenied: 'This account cannot sign in. Ask an admin to invite or reactivate you.',
  Verification: 'That sign-in link has expired or was already used. Ask for a new one.',
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  if (await currentStaff()) redirect('/campaigns');
  const { error } = await searchParams;
  const message = error ? (messages[error] ?? 'Sign-in failed. Try again.') : null;
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto flex size-10 items-center justify-center rounded-lg bg-indigo-600 text-lg font-bold text-white">U</div>
          <h1 className="mt-4 text-xl font-semibold tracking-tight">Sign in to Undersigned staff</h1>
          <p className="mt-1 text-sm text-slate-500">For campaign staff only.</p>
        </div>
        {message ? (
          <div className="mb-4">
            <Alert tone="error">{message}</Alert>
          </div>
        ) : null}
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <form action={signInWithEmail} className="space-y-4" aria-labelledby="email-heading">
            <h2 id="email-heading" className="text-sm font-semibold">
              Email me a sign-in link
            </h2>
            <Field label="Work email" htmlFor="magic-email">
              <Input id="magic-email" name="email" type="email" autoComplete="email" required />
            </Field>
            <Button type="submit" className="w-full">
              Send sign-in link
            </Button>
          </form>
          <div className="my-6 flex items-center gap-3 text-xs text-slate-500">
            <span className="h-px flex-1 bg-slate-200" /> or use a password <span className="h-px flex-1 bg-slate-200" />
          </div>
          <form action={signInWithPassword} className="space-y-4" aria-label="Password sign-in">
            <Field label="Email" htmlFor="password-email">
              <Input id="password-email" name="email" type="email" autoComplete="username" required />
            </Field>
            <Field label="Password" htmlFor="password">
              <Input id="password" name="password" type="password" autoComplete="current-password" required />
            </Field>
            <Button type="submit" variant="secondary" className="w-full">
              Sign in with password
            </Button>
          </form>
        </div>
      </div>
    </main>
  );
}
