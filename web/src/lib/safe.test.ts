import { describe, expect, it } from 'vitest';
import { escapeHtml, httpHref, tooltipHtml } from './safe';

describe('text into HTML strings (map tooltips)', () => {
  it('escapes markup in names', () => {
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`Tom & "Jerry" 'x'`)).toBe('Tom &amp; &quot;Jerry&quot; &#39;x&#39;');
    expect(escapeHtml(undefined)).toBe('');
  });
  it('builds a tooltip whose every piece is text', () => {
    expect(tooltipHtml('<script>alert(1)</script>', ['1.039 <b>hồ sơ</b>', null, ''])).toBe(
      '<b>&lt;script&gt;alert(1)&lt;/script&gt;</b><br/>1.039 &lt;b&gt;hồ sơ&lt;/b&gt;',
    );
    expect(tooltipHtml('Thuận An', ['80,2%', '3/4'])).toBe('<b>Thuận An</b><br/>80,2%<br/>3/4');
  });
});

describe('links from data', () => {
  it('opens http(s) only', () => {
    expect(httpHref('https://example.org/kh.pdf')).toBe('https://example.org/kh.pdf');
    expect(httpHref(' HTTP://a.vn/x ')).toBe('http://a.vn/x');
    for (const bad of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'data:text/html,x',
      '//evil',
      'ftp://a',
      '',
      null,
    ])
      expect(httpHref(bad)).toBeNull();
  });
});
