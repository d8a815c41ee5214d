'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signIn } from '@/server/auth';

const passwordForm = z.object({ email: z.email().max(320), password: z.string().min(1).max(500) });
const emailForm = z.object({ email: z.email().max(320) });

export async function signInWithPassword(formData: FormData): Promise<void> {
  // A hand-made call can send any value instead of the form.
  if (!(formData instanceof FormData)) redirect('/login?error=invalid_login');
  const parsed = passwordForm.safeParse({ email: formData.get('email'), password: formData.get('password') });
  if (!parsed.success) redirect('/login?error=invalid_login');
  try {
    await signIn('password', { ...parsed.data, redirectTo: '/campaigns' });
  } catch (error) {
    if (error instanceof AuthError) redirect('/login?error=invalid_login');
    throw error;
  }
}

export async function signInWithEmail(formData: FormData): Promise<void> {
  if (!(formData instanceof FormData)) redirect('/login?error=invalid_email');
  const parsed = emailForm.safeParse({ email: formData.get('email') });
  if (!parsed.success) redirect('/login?error=invalid_email');
  try {
    // redirect: false — next-auth's own redirect targets its /api/auth/verify-request hop;
    // send the browser straight to our page instead (same page for unknown addresses).
    await signIn('email', { email: parsed.data.email.trim().toLowerCase(), redirectTo: '/campaigns', redirect: false });
  } catch (error) {
    if (error instanceof AuthError) redirect('/login?error=email_failed');
    throw error;
  }
  redirect('/login/check-email');
}
