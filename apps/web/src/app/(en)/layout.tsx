import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { HtmlShell } from '../layout-shell';
import { siteMetadata, siteViewport } from '@/views/site-metadata';

export const metadata: Metadata = siteMetadata('en');
export const viewport: Viewport = siteViewport;

export default function EnglishLayout({ children }: { children: ReactNode }) {
  return <HtmlShell locale="en">{children}</HtmlShell>;
}
