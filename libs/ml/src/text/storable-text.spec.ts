import { storableText, truncateText } from './storable-text';

describe(storableText.name, () => {
  it('should keep the text as it is when it holds nothing PostgreSQL or UTF-8 refuses', () => {
    const text = 'C10001,40.9 — €, 😀, \u0007';
    expect(storableText(text)).toBe(text);
  });

  it('should replace NUL and lone surrogate halves with U+FFFD and keep surrogate pairs when they are mixed', () => {
    expect(storableText('a\u0000b\uD800c\uDC00d😀\u0000\uD83D')).toBe('a\uFFFDb\uFFFDc\uFFFDd😀\uFFFD\uFFFD');
    expect(Buffer.from(storableText('\uDC00\uD800'), 'utf8').toString('utf8')).toBe('\uFFFD\uFFFD');
  });
});

describe(truncateText.name, () => {
  it('should keep the first characters, and not split a surrogate pair, when the text is longer than the limit', () => {
    expect(truncateText('abcdef', 3)).toBe('abc');
    expect(truncateText('ab😀', 3)).toBe('ab');
    expect(truncateText('ab😀', 4)).toBe('ab😀');
    expect(truncateText('abc', 10)).toBe('abc');
  });
});
