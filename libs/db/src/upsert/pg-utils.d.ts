// pg exports its parameter conversion (the one it applies to bind parameters) without typings.
declare module 'pg/lib/utils' {
  export function prepareValue(value: unknown): string | Buffer | null;
}
