import { BREAK, Kind, visit, type DocumentNode } from 'graphql';

/**
 * The first number literal of the document too large for a double (`1e999`), as written. graphql-js's Float
 * accepts such a literal as Infinity, and JSON then carries it to a subgraph as null: a missing value instead
 * of a refused one.
 */
export function firstNonFiniteLiteral(document: DocumentNode): string | undefined {
  let found: string | undefined;
  visit(document, {
    enter(node) {
      if ((node.kind !== Kind.FLOAT && node.kind !== Kind.INT) || Number.isFinite(Number(node.value))) return undefined;
      found = node.value;
      return BREAK;
    },
  });
  return found;
}

/** The path (`variables.input.balance`) of the first non-finite number in the request's variables (JSON's `1e999`). */
export function firstNonFiniteVariable(variables: unknown): string | undefined {
  // Iterative: the body's nesting is the client's choice.
  const pending: [unknown, string][] = [[variables, 'variables']];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === 'number' && !Number.isFinite(value)) return path;
    if (Array.isArray(value)) value.forEach((item, index) => pending.push([item, `${path}[${index}]`]));
    else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) pending.push([item, `${path}.${key}`]);
  }
  return undefined;
}
