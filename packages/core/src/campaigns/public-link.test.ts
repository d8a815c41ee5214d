import { publicLink } from './get-published-campaign';

describe('publicLink', () => {
  it('keeps http(s) links and drops javascript:, data: and malformed URLs', () => {
    expect(publicLink('https://www.cnn.com/2017/01/25/politics/')).toBe('https://www.cnn.com/2017/01/25/politics/');
    expect(publicLink('http://example.org')).toBe('http://example.org/');
    expect(publicLink('javascript:alert(1)')).toBeNull();
    expect(publicLink(' JaVaScRiPt:alert(1)')).toBeNull();
    expect(publicLink('data:text/html,<script>1</script>')).toBeNull();
    expect(publicLink('not a url')).toBeNull();
    expect(publicLink(null)).toBeNull();
  });
});
