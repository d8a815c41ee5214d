import type { Metadata } from 'next';
import { NotFoundView } from '@/views/not-found-view';
import './globals.css';

export const metadata: Metadata = { title: 'Not found · Undersigned' };

export default function GlobalNotFound() {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <NotFoundView locale="en" />
      </body>
    </html>
  );
}
