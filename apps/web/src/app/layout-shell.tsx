import type { ReactNode } from 'react';
import type { Locale } from '@/i18n';
import './globals.css';

/** The <html> of both root layouts (English at /, Spanish under /es). */
export function HtmlShell({ locale, children }: { locale: Locale; children: ReactNode }) {
  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col font-sans">{children}</body>
    </html>
  );
}
