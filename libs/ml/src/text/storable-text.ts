const REPLACEMENT = '\uFFFD';

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * `text` as PostgreSQL's `text` type and a UTF-8 answer can carry it: NUL (which PostgreSQL refuses) and a lone
 * surrogate half (which UTF-8 cannot encode) become U+FFFD, the character the UTF-8 decoder already puts in place
 * of invalid bytes. Returns `text` itself when there is nothing to replace.
 */
export function storableText(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || (c >= 0xd800 && c <= 0xdfff)) return replaceUnstorable(text, i);
  }
  return text;
}

function replaceUnstorable(text: string, from: number): string {
  let out = '';
  let kept = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isHighSurrogate(c) && isLowSurrogate(text.charCodeAt(i + 1))) {
      i++;
    } else if (c === 0 || isHighSurrogate(c) || isLowSurrogate(c)) {
      out += text.slice(kept, i) + REPLACEMENT;
      kept = i + 1;
    }
  }
  return out + text.slice(kept);
}

/** The first `maxLength` UTF-16 code units of `text`, one fewer where the cut would split a surrogate pair. */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  return text.slice(0, isHighSurrogate(text.charCodeAt(maxLength - 1)) ? maxLength - 1 : maxLength);
}
