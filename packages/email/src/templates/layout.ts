// Templates are written with createElement (no JSX) so that every workspace importing this
// package type-checks without a jsx compiler setting.
import { Body, Container, Head, Html, Preview } from '@react-email/components';
import { createElement as h, type ReactNode } from 'react';

export const styles = {
  body: { backgroundColor: '#f6f6f4', fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif', color: '#1a1a1a' },
  container: { backgroundColor: '#ffffff', margin: '24px auto', padding: '32px', maxWidth: '600px', borderRadius: '6px' },
  h1: { fontSize: '22px', lineHeight: '1.3', margin: '0 0 16px' },
  h2: { fontSize: '17px', fontWeight: 700, margin: '24px 0 8px' },
  p: { fontSize: '15px', lineHeight: '1.55', margin: '0 0 12px' },
  quote: { borderLeft: '4px solid #b3261e', padding: '4px 0 4px 14px', margin: '16px 0', fontSize: '15px', lineHeight: '1.55' },
  button: { backgroundColor: '#b3261e', color: '#ffffff', padding: '12px 20px', borderRadius: '4px', fontWeight: 600, textDecoration: 'none' },
  small: { fontSize: '12px', color: '#555555', lineHeight: '1.5' },
  mono: { fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: '12px', wordBreak: 'break-all' as const },
  row: { fontSize: '14px', lineHeight: '1.4', margin: '0 0 2px' },
};

export function Layout({ lang, preview, children }: { lang: string; preview: string; children?: ReactNode }) {
  return h(Html, { lang }, h(Head), h(Preview, null, preview), h(Body, { style: styles.body }, h(Container, { style: styles.container }, children)));
}
