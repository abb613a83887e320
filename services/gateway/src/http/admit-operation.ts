import type { Request, RequestHandler } from 'express';
import { GraphQLError, Kind, type DocumentNode } from 'graphql';
import { measureDocument, parseDocument, type DocumentLimits } from '../limits/document-limits';
import { firstNonFiniteLiteral, firstNonFiniteVariable } from '../limits/finite-numbers';
import { QueryLimitError } from '../limits/query-limit.error';
import { sendGraphqlError } from './graphql-error-response';

/** Query documents that passed, by their text: a client sends the same few again and again. */
const ADMITTED_DOCUMENTS = 1_000;

/** What the admission keeps of a document that passed: the names of its operations (null: anonymous). */
type Operations = readonly (string | null)[];

interface GraphqlRequest {
  readonly query?: unknown;
  readonly operationName?: unknown;
  readonly variables?: unknown;
}

/** The request as Apollo reads it: the JSON body of a POST, the query string of a GET (variables as JSON text). */
function graphqlRequestOf(request: Request): GraphqlRequest {
  if (request.method !== 'GET') return (request.body ?? {}) as GraphqlRequest;
  const { query, operationName, variables } = request.query as Record<string, unknown>;
  let parsed: unknown = variables;
  try {
    if (typeof variables === 'string') parsed = JSON.parse(variables);
  } catch {
    // Apollo answers malformed variables itself.
  }
  return { query, operationName, variables: parsed };
}

/** Why no operation of the document can run under this operationName, or undefined when one can. */
function unresolvedOperation(operations: Operations, operationName: unknown): string | undefined {
  if (typeof operationName === 'string' && operationName !== '') {
    return operations.includes(operationName) ? undefined : `Unknown operation named '${operationName}'`;
  }
  if (operations.length === 1) return undefined;
  if (operations.length === 0) return 'The document has no operation to run';
  const anonymous = operations.includes(null) ? '; an anonymous operation must be the only one in its document' : '';
  return `The document has ${operations.length} operations: name the one to run in operationName${anonymous}`;
}

/** Checks a document never seen before: within the limits, no non-finite number; throws what is wrong. */
function admitDocument(source: string, limits: DocumentLimits): Operations {
  const document: DocumentNode = parseDocument(source, limits.maxTokens);
  measureDocument(document, limits);
  const literal = firstNonFiniteLiteral(document);
  if (literal !== undefined) throw new GraphQLError(`The number ${literal} is out of range (not a finite double)`, { extensions: { code: 'BAD_USER_INPUT' } });
  return document.definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION ? [definition.name?.value ?? null] : []));
}

/**
 * The gateway's admission of a GraphQL request, run before Apollo parses, validates and caches the document: a
 * request over a limit (tokens, depth, fields, aliases, repeated fields, directives), with a number out of range or
 * with no operation to run gets its 400 in a linear pass, and no quadratic validation ever starts. Anything
 * else, including requests without a query (Apollo answers those), passes on.
 */
export function admitOperation(limits: DocumentLimits): RequestHandler {
  const admitted = new Map<string, Operations>();
  return (request, response, next) => {
    const { query, operationName, variables } = graphqlRequestOf(request);
    if (typeof query !== 'string') return next();
    let operations = admitted.get(query);
    if (operations === undefined) {
      try {
        operations = admitDocument(query, limits);
      } catch (error) {
        if (error instanceof QueryLimitError) return sendGraphqlError(response, 400, { code: error.code, message: error.message });
        if (error instanceof GraphQLError) {
          const code = typeof error.extensions.code === 'string' ? error.extensions.code : 'GRAPHQL_PARSE_FAILED';
          return sendGraphqlError(response, 400, { code, message: error.message });
        }
        throw error;
      }
      // Oldest first out: a Map iterates in insertion order.
      if (admitted.size >= ADMITTED_DOCUMENTS) admitted.delete(admitted.keys().next().value as string);
      admitted.set(query, operations);
    }
    const unresolved = unresolvedOperation(operations, operationName);
    if (unresolved !== undefined) return sendGraphqlError(response, 400, { code: 'OPERATION_RESOLUTION_FAILURE', message: unresolved });
    const variable = firstNonFiniteVariable(variables);
    if (variable !== undefined) return sendGraphqlError(response, 400, { code: 'BAD_USER_INPUT', message: `${variable} is out of range (not a finite number)` });
    next();
  };
}
