const REPLACEMENT = '\uFFFD';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * `text` as PostgreSQL's `text` type and a UTF-8 answer can carry it: NUL (which PostgreSQL refuses) and a lone
 * surrogate half (which UTF-8 cannot encode) become U+FFFD, the character the UTF-8 decoder already puts in place
 * of invalid bytes. Always a copy: a substring would keep the whole text it was cut from alive (a chunk of an
 * upload, a line of a megabyte) for as long as a report holds it. For error paths, not for every row.
 */
export function storableText(text: string): string {
  // The UTF-8 round trip replaces lone surrogates and copies.
  const copy = decoder.decode(encoder.encode(text));
  return copy.includes('\u0000') ? copy.replaceAll('\u0000', REPLACEMENT) : copy;
}

/** The first `maxLength` UTF-16 code units of `text`, one fewer where the cut would split a surrogate pair. */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const last = text.charCodeAt(maxLength - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? maxLength - 1 : maxLength);
}
