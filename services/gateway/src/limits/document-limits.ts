import {
  Kind,
  Lexer,
  parse,
  Source,
  TokenKind,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { QueryLimitError, type QueryLimitCode } from './query-limit.error';

/**
 * Bounds on a query document, checked in one pass before graphql-js validates it. Validation's
 * OverlappingFieldsCanBeMerged compares every pair of selections that share a response name, so its work grows
 * with the square of a repeated field (8,000 repeats: 12 s of one CPU); these bounds keep it to milliseconds.
 */
export interface DocumentLimits {
  /** Lexical tokens; parsing stops at the limit, so a huge document costs no more than a small one. */
  readonly maxTokens: number;
  /** Nesting of fields, introspection left out (graphql-js's MaxIntrospectionDepthRule bounds it). */
  readonly maxDepth: number;
  /** Field selections with fragments expanded where they are spread, repeats and aliases included. */
  readonly maxFields: number;
  readonly maxAliases: number;
  /** Selections of a response name already selected at the same path: the pairs validation compares. */
  readonly maxRepeatedFields: number;
  readonly maxDirectives: number;
}

export interface DocumentMeasure {
  readonly depth: number;
  readonly fields: number;
  readonly aliases: number;
  readonly repeatedFields: number;
  readonly directives: number;
}

/** Parses with the token limit, telling a document over it (QUERY_TOO_LARGE) from a syntax error (GraphQLError). */
export function parseDocument(source: string, maxTokens: number): DocumentNode {
  try {
    return parse(source, { maxTokens, noLocation: true });
  } catch (error) {
    // graphql-js reports the token limit as a syntax error; told apart here without relying on its wording.
    if (hasMoreTokensThan(source, maxTokens)) throw new QueryLimitError('QUERY_TOO_LARGE', `Query exceeds the limit of ${maxTokens} tokens`);
    throw error;
  }
}

function hasMoreTokensThan(source: string, maxTokens: number): boolean {
  const lexer = new Lexer(new Source(source));
  try {
    for (let count = 0; count <= maxTokens; count++) if (lexer.advance().kind === TokenKind.EOF) return false;
    return true;
  } catch {
    return false;
  }
}

/** Response names selected at one path of an operation: `{ a { b } a { b } }` puts `a` and `a.b` twice. */
interface ResponsePath {
  children?: Map<string, ResponsePath>;
}

const UNLIMITED: Omit<DocumentLimits, 'maxTokens'> = {
  maxDepth: Infinity,
  maxFields: Infinity,
  maxAliases: Infinity,
  maxRepeatedFields: Infinity,
  maxDirectives: Infinity,
};

/**
 * Walks every operation of the document (validation checks them all, not only the one that runs) with its
 * fragments expanded, plus the fragments no operation spreads. With `limits`, throws QueryLimitError at the first
 * one exceeded, so the walk stays linear in the limits even when fragments would expand exponentially.
 */
export function measureDocument(document: DocumentNode, limits: Omit<DocumentLimits, 'maxTokens'> = UNLIMITED): DocumentMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const reached = new Set<string>();
  const expanding = new Set<string>();
  const measure = { depth: 0, fields: 0, aliases: 0, repeatedFields: 0, directives: 0 };

  const over = (count: number, limit: number, what: string, code: QueryLimitCode = 'QUERY_TOO_LARGE') => {
    if (count > limit) throw new QueryLimitError(code, `Query exceeds the limit of ${limit} ${what}`);
  };
  const countDirectives = (directives: readonly DirectiveNode[] | undefined) => {
    measure.directives += directives?.length ?? 0;
    over(measure.directives, limits.maxDirectives, 'directives (fragments expanded)');
  };
  /** `depth` of the parent field, or null inside introspection. */
  const walk = (selectionSet: SelectionSetNode, path: ResponsePath, depth: number | null): void => {
    for (const selection of selectionSet.selections) {
      countDirectives(selection.directives);
      if (selection.kind === Kind.FIELD) {
        over(++measure.fields, limits.maxFields, 'fields (fragments expanded, repeats and aliases included)');
        if (selection.alias) over(++measure.aliases, limits.maxAliases, 'aliases (fragments expanded)');
        const name = selection.alias?.value ?? selection.name.value;
        path.children ??= new Map();
        let child = path.children.get(name);
        if (child) over(++measure.repeatedFields, limits.maxRepeatedFields, 'repeated fields (a field selected again where it already is, directly or through fragments)');
        else path.children.set(name, (child = {}));
        const fieldDepth = depth === null || selection.name.value.startsWith('__') ? null : depth + 1;
        if (fieldDepth !== null && fieldDepth > measure.depth) {
          measure.depth = fieldDepth;
          over(fieldDepth, limits.maxDepth, 'levels of nesting', 'QUERY_TOO_DEEP');
        }
        if (selection.selectionSet) walk(selection.selectionSet, child, fieldDepth);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, path, depth);
      } else {
        const fragment = fragments.get(selection.name.value);
        // An unknown or cyclic spread is a validation error reported later; here it only must not loop.
        if (!fragment || expanding.has(fragment.name.value)) continue;
        reached.add(fragment.name.value);
        expanding.add(fragment.name.value);
        countDirectives(fragment.directives);
        walk(fragment.selectionSet, path, depth);
        expanding.delete(fragment.name.value);
      }
    }
  };

  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    countDirectives(definition.directives);
    walk(definition.selectionSet, {}, 0);
  }
  for (const [name, fragment] of fragments) {
    if (reached.has(name)) continue;
    expanding.add(name);
    walk(fragment.selectionSet, {}, 0);
    expanding.delete(name);
  }
  return measure;
}
