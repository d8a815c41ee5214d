import QRCode from 'qrcode';
import { staffEnv } from './env';

export type EventLinkLocale = 'en' | 'es';

/** The public sign-up link of an event: the campaign page with `?event={code}`, in English or Spanish. */
export function eventLink(slug: string, code: string, locale: EventLinkLocale = 'en'): string {
  const base = staffEnv().PUBLIC_WEB_URL.replace(/\/$/, '');
  return `${base}${locale === 'es' ? '/es' : ''}/petitions/${encodeURIComponent(slug)}?event=${encodeURIComponent(code)}`;
}

/**
 * A QR code of `url` as an SVG document (qrcode's own markup: paths only, no text from us).
 * Error correction M survives a smudged or folded printout; the quiet zone is the 4 modules the
 * standard asks for, so phones read it from a poster on a busy wall.
 */
export async function qrCodeSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } });
}
