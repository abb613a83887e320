import type { NextFunction, Request } from 'express';
import type { DocumentLimits } from '../limits/document-limits';
import { recordingResponse } from '../testing/recording-response';
import { admitOperation } from './admit-operation';

const LIMITS: DocumentLimits = { maxTokens: 200, maxDepth: 5, maxFields: 50, maxAliases: 2, maxRepeatedFields: 3, maxDirectives: 2 };

/** Runs the admission on one request: `next` when it passes, else the status and body it answered with. */
function admit(request: Partial<Request>, admission = admitOperation(LIMITS)) {
  const { response, answer } = recordingResponse();
  let passed = false;
  admission({ method: 'POST', ...request } as Request, response, (() => (passed = true)) as NextFunction);
  return { passed, ...answer, refusal: response.locals.refusal as string | undefined };
}

const post = (body: Record<string, unknown>) => ({ body });

describe('admitOperation', () => {
  it('should pass a request within the limits on, and one without a query for Apollo to answer', () => {
    expect(admit(post({ query: '{ offers { title } }' })).passed).toBe(true);
    expect(admit(post({ query: 'query A { offers { title } } query B { offers { id } }', operationName: 'B' })).passed).toBe(true);
    expect(admit(post({ extensions: {} })).passed).toBe(true);
    expect(admit({ body: [{ query: '{ a }' }] }).passed).toBe(true);
  });

  it('should refuse over a limit with 400 and the limit’s code, kept for the request log', () => {
    const refused = admit(post({ query: `{ offers { ${'title '.repeat(5)}} }` }));

    expect(refused).toMatchObject({ passed: false, status: 400, refusal: 'QUERY_TOO_LARGE' });
    expect(refused.body?.errors[0]).toEqual({ message: expect.stringMatching(/^Query exceeds the limit of 3 repeated fields/), extensions: { code: 'QUERY_TOO_LARGE' } });
  });

  it('should answer a syntax error as Apollo does, with GRAPHQL_PARSE_FAILED', () => {
    expect(admit(post({ query: '{ offers { title }' }))).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] } });
  });

  it('should refuse an unknown operationName, several operations without one, and a document without any', () => {
    const cases = [
      [{ query: 'query A { a }', operationName: 'B' }, "Unknown operation named 'B'"],
      [{ query: '{ a } { b }' }, /^The document has 2 operations: .*anonymous operation must be the only one/],
      [{ query: 'query A { a } query B { b }' }, /^The document has 2 operations: name the one to run in operationName$/],
      [{ query: 'fragment F on Query { a }' }, 'The document has no operation to run'],
    ] as const;
    for (const [body, message] of cases) {
      expect(admit(post(body))).toMatchObject({ status: 400, body: { errors: [{ message: expect.stringMatching(message), extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] } });
    }
  });

  it('should refuse a non-finite number in the document or the variables with BAD_USER_INPUT naming it', () => {
    expect(admit(post({ query: '{ a(x: 1e999) }' })).body?.errors[0]).toEqual({ message: 'The number 1e999 is out of range (not a finite double)', extensions: { code: 'BAD_USER_INPUT' } });
    expect(admit(post({ query: 'query ($x: Float) { a(x: $x) }', variables: JSON.parse('{"x":1e999}') })).body?.errors[0].message).toBe('variables.x is out of range (not a finite number)');
  });

  it('should read a GET request’s query, operationName and JSON variables from the query string', () => {
    const get = (query: Record<string, string>) => ({ method: 'GET', query });

    expect(admit(get({ query: '{ offers { title } }' })).passed).toBe(true);
    expect(admit(get({ query: `{ a { ${'b '.repeat(5)}} }` })).status).toBe(400);
    expect(admit(get({ query: 'query A { a }', operationName: 'B' })).status).toBe(400);
    expect(admit(get({ query: 'query ($x: Float) { a(x: $x) }', variables: '{"x":-1e999}' })).body?.errors[0].message).toBe('variables.x is out of range (not a finite number)');
  });

  it('should check the operation and the variables of a remembered document on every request', () => {
    const admission = admitOperation(LIMITS);
    const query = 'query A { a(x: 1) } query B { b }';

    expect(admit(post({ query, operationName: 'A' }), admission).passed).toBe(true);
    expect(admit(post({ query, operationName: 'C' }), admission).status).toBe(400);
    expect(admit(post({ query, operationName: 'B', variables: { y: -Infinity } }), admission).status).toBe(400);
  });
});
