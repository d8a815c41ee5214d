import type { ReactElement } from 'react';
// 'react-dom/server.node' (same module in Node): Next's server-component check rejects the bare
// 'react-dom/server' specifier in any module a Next server page imports (via @undersigned/core).
import { renderToStaticMarkup } from 'react-dom/server.node';
import { toPlainText } from '@react-email/render';

const DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/**
 * Renders a React Email element to HTML and plain text. Synchronous server rendering (our
 * templates never suspend), so it also runs where dynamic import() is unavailable (jest CJS).
 */
export function renderEmail(element: ReactElement): { html: string; text: string } {
  const html = DOCTYPE + renderToStaticMarkup(element);
  return { html, text: toPlainText(html) };
}
