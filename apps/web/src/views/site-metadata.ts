import type { Metadata, Viewport } from 'next';
import { getDictionary, type Locale } from '@/i18n';

export function siteMetadata(locale: Locale): Metadata {
  const t = getDictionary(locale);
  return {
    metadataBase: new URL(process.env.PUBLIC_WEB_URL ?? 'http://localhost:3000'),
    title: { default: t.siteName, template: `%s · ${t.siteName}` },
    description: t.tagline,
  };
}

export const siteViewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#a3281a',
};
