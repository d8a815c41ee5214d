import { renderCampaignMarkdown } from './render-campaign-markdown';

describe('renderCampaignMarkdown', () => {
  it('renders lists and emphasis, and turns [^n] into a link to source n', () => {
    const html = renderCampaignMarkdown('We ask:\n\n- **protect** families[^2]\n- fund lawyers[^2]');
    expect(html).toContain('<ul>');
    expect(html).toContain('<strong>protect</strong>');
    expect(html).toContain('<sup><a href="#source-2" id="ref-2" aria-label="source 2">[2]</a></sup>');
    expect(html).toContain('id="ref-2-2"');
  });

  it('escapes raw HTML and refuses javascript: links', () => {
    const html = renderCampaignMarkdown('<script>alert(1)</script> [x](javascript:alert(1))');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('href="javascript:');
  });

  it('drops footnote definitions and labels sources in the page language', () => {
    const html = renderCampaignMarkdown('Texto[^1]\n\n[^1]: Una fuente', 'fuente');
    expect(html).not.toContain('Una fuente');
    expect(html).toContain('aria-label="fuente 1"');
  });
});
