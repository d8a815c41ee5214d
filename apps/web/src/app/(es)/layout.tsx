import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { HtmlShell } from '../layout-shell';
import { siteMetadata, siteViewport } from '@/views/site-metadata';

export const metadata: Metadata = siteMetadata('es');
export const viewport: Viewport = siteViewport;

export default function SpanishLayout({ children }: { children: ReactNode }) {
  return <HtmlShell locale="es">{children}</HtmlShell>;
}
