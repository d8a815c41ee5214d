import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Undersigned staff', template: '%s · Undersigned staff' },
  robots: { index: false, follow: false },
};

// Every page renders per request, so each gets the request's CSP nonce on its scripts (src/proxy.ts).
// Pages without a session check (check-email, 404, the / redirect) would otherwise be prerendered
// at build time, with nonce-less scripts the policy blocks.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
