import { getIntrospectionQuery, GraphQLError, parse } from 'graphql';
import { measureDocument, parseDocument, type DocumentLimits } from './document-limits';
import { QueryLimitError } from './query-limit.error';

const LIMITS: DocumentLimits = { maxTokens: 2_000, maxDepth: 12, maxFields: 1_000, maxAliases: 30, maxRepeatedFields: 100, maxDirectives: 50 };
const measure = (source: string) => measureDocument(parse(source));
const check = (source: string, limits: Partial<DocumentLimits> = {}) => () => measureDocument(parseDocument(source, LIMITS.maxTokens), { ...LIMITS, ...limits });

describe('parseDocument', () => {
  it('should parse a document within the token limit', () => {
    expect(parseDocument('{ offers { title } }', 6).definitions).toHaveLength(1);
  });

  it('should refuse with QUERY_TOO_LARGE a document over the token limit, even when it is also malformed further on', () => {
    expect(() => parseDocument('{ offers { title } }', 5)).toThrow(new QueryLimitError('QUERY_TOO_LARGE', 'Query exceeds the limit of 5 tokens'));
    expect(() => parseDocument('{ offers { title } }', 5)).toThrow(expect.objectContaining({ code: 'QUERY_TOO_LARGE' }));
    expect(() => parseDocument(`{ offers { ${'title '.repeat(20_000)} } } }`, 2_000)).toThrow(/limit of 2000 tokens/);
  });

  it('should report a syntax error as such when the document is within the limit', () => {
    expect(() => parseDocument('{ offers { title }', 2_000)).toThrow(GraphQLError);
    expect(() => parseDocument('{ offers { title }', 2_000)).toThrow(/^Syntax Error: Expected Name, found <EOF>/);
  });

  it('should not count comments and whitespace as tokens', () => {
    expect(parseDocument(`# ${'x'.repeat(100_000)}\n{ offers { title } }`, 6).definitions).toHaveLength(1);
  });
});

describe('measureDocument', () => {
  it('should count fields, aliases, directives and depth through fragments and inline fragments', () => {
    const source = `query Q @cached { customers(first: 1) { ...Page } offers { t: title @include(if: true) } }
      fragment Page on CustomerConnection { nodes { ... on Customer { id segment { label: id } } } }`;

    expect(measure(source)).toEqual({ depth: 4, fields: 7, aliases: 2, repeatedFields: 0, directives: 2 });
  });

  it('should count a field selected again at the same response path as a repeat, directly, through fragments or nested', () => {
    expect(measure(`{ offers { title title title } }`).repeatedFields).toBe(2);
    expect(measure(`{ offers { title ...T ...T } } fragment T on Offer { title }`).repeatedFields).toBe(2);
    // offers twice, and offers.title meets itself once.
    expect(measure(`{ offers { title } offers { title } }`).repeatedFields).toBe(2);
    // Different response names are not repeats.
    expect(measure(`{ offers { a: title b: title } }`).repeatedFields).toBe(0);
  });

  it('should leave introspection out of the depth but count its fields', () => {
    const measured = measure(`{ __schema { types { fields { type { ofType { ofType { name } } } } } } offers { __typename title } }`);

    expect(measured.depth).toBe(2);
    expect(measured.fields).toBe(10);
  });

  it('should measure every operation and the fragments no operation spreads, since validation reads them all', () => {
    expect(measure(`query A { offers { title } } query B { offers { title title } }`)).toMatchObject({ fields: 5, repeatedFields: 1 });
    expect(measure(`{ offers { title } } fragment Unused on Offer { title title }`)).toMatchObject({ fields: 4, repeatedFields: 1 });
  });

  it('should stop on a fragment cycle instead of looping', () => {
    expect(measure(`{ ...A } fragment A on Query { offers { title } ...B } fragment B on Query { ...A }`)).toMatchObject({ fields: 2 });
  });

  it('should admit the web client’s kind of query and the full introspection query with the default limits', () => {
    expect(check(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }))).not.toThrow();
    expect(check(`query Overview { championModel { version metrics segments { cluster segmentId } } segments { id label size share centroid { x y } offer { segmentId title } } }`)).not.toThrow();
  });

  it('should refuse with QUERY_TOO_LARGE, naming the limit, a document over any of them', () => {
    expect(check(`{ offers { ${'title '.repeat(102)}} }`)).toThrow(/^Query exceeds the limit of 100 repeated fields/);
    expect(check(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: offers { title }`).join(' ')} }`)).toThrow(/^Query exceeds the limit of 30 aliases/);
    expect(check(`{ offers { ${'title @include(if: true) '.repeat(51)}} }`, { maxRepeatedFields: 1_000 })).toThrow(/^Query exceeds the limit of 50 directives/);
    expect(check(`{ a { b { c { d } } } }`, { maxDepth: 3 })).toThrow(expect.objectContaining({ code: 'QUERY_TOO_DEEP', message: 'Query exceeds the limit of 3 levels of nesting' }));
    expect(check(`{ offers { a: title b: title } }`, { maxAliases: 1 })).toThrow(expect.objectContaining({ code: 'QUERY_TOO_LARGE' }));
    expect(check(`{ offers { a: title b: title c: title } }`, { maxFields: 3 })).toThrow(/^Query exceeds the limit of 3 fields/);
  });

  it('should refuse a fragment that doubles at each of 60 levels after about maxFields steps, not 2^60', () => {
    const fragments = Array.from({ length: 60 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ');
    const bomb = `{ ...F0 } ${fragments} fragment F60 on Query { offers { title } }`;

    expect(check(bomb, { maxRepeatedFields: Infinity })).toThrow(/^Query exceeds the limit of 1000 fields/);
    expect(check(bomb)).toThrow(/^Query exceeds the limit of 100 repeated fields/);
  });
});
