import type { Metadata } from 'next';
import { NotFoundView } from '@/views/not-found-view';
import { siteIcons } from '@/views/site-metadata';
import './globals.css';

export const metadata: Metadata = { title: 'Not found · Undersigned', icons: siteIcons };

export default function GlobalNotFound() {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col font-sans">
        <NotFoundView locale="en" />
      </body>
    </html>
  );
}
