import type { Metadata, Viewport } from 'next';
import { getDictionary, type Locale } from '@/i18n';
import { metadataBaseUrl } from '@/server/env';

export function siteMetadata(locale: Locale): Metadata {
  const t = getDictionary(locale);
  return {
    metadataBase: metadataBaseUrl(),
    title: { default: t.siteName, template: `%s · ${t.siteName}` },
    description: t.tagline,
  };
}

export const siteViewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: '#a3281a',
};
