import { parse } from 'graphql';
import { OperationNotFoundError } from '../operation/selected-operation';
import { firstForbiddenField, rootFieldAccess } from './access-policy';

const access = (source: string, operationName?: string) => rootFieldAccess(parse(source), operationName);

describe('rootFieldAccess', () => {
  it('should name the real field behind an alias when an operation renames a root field', () => {
    expect(access(`{ harmless: predictSegment(input: {}) { segmentId } offers { title } }`)).toEqual([
      { field: 'Query.predictSegment', role: 'analyst' },
      { field: 'Query.offers', role: 'viewer' },
    ]);
  });

  it('should follow inline fragments and fragment spreads when root fields hide in them', () => {
    const source = `query { ...Reads ... on Query { similarCustomer(segmentId: "revolvers") { id } } }
      fragment Reads on Query { segments { id } ...More }
      fragment More on Query { customers { totalCount } }`;

    expect(access(source).map((entry) => entry.field)).toEqual(['Query.segments', 'Query.customers', 'Query.similarCustomer']);
  });

  it('should judge only the operation named when the document holds several', () => {
    const source = `query Read { offers { title } } mutation Write { updateOffer(segmentId: "x", input: {}) { title } }`;

    expect(access(source, 'Read')).toEqual([{ field: 'Query.offers', role: 'viewer' }]);
    expect(access(source, 'Write')).toEqual([{ field: 'Mutation.updateOffer', role: 'admin' }]);
    expect(() => access(source)).toThrow(OperationNotFoundError);
    expect(() => access(source, 'Delete')).toThrow("no operation named 'Delete' in the document");
  });

  it('should require admin for every mutation field when the policy has no entry for it', () => {
    expect(access(`mutation { trainModel { id } promoteModel(version: "1") { version } }`).map((entry) => entry.role)).toEqual(['admin', 'admin']);
  });

  it('should keep the model review to admins and its health to analysts when a viewer or an analyst asks', () => {
    const review = access(`mutation { promoteModel(runId: "r") { version } rejectModel(runId: "r", reason: "no") { status } }`);
    expect(review.map((entry) => entry.role)).toEqual(['admin', 'admin']);
    expect(firstForbiddenField('analyst', review)).toEqual({ field: 'Mutation.promoteModel', role: 'admin' });
    expect(firstForbiddenField('admin', review)).toBeUndefined();
    const health = access(`{ modelHealth { status } }`);
    expect(firstForbiddenField('viewer', health)).toEqual({ field: 'Query.modelHealth', role: 'analyst' });
    expect(firstForbiddenField('analyst', health)).toBeUndefined();
  });

  it('should keep segment member lists to analysts and erasures to admins, and flows to viewers, when each asks', () => {
    const members = access(`{ segmentMembers(segmentId: "revolvers") { nodes { customerId } } segmentFlows(from: "a", to: "b") { movedIn } }`);
    expect(firstForbiddenField('viewer', members)).toEqual({ field: 'Query.segmentMembers', role: 'analyst' });
    expect(firstForbiddenField('analyst', members)).toBeUndefined();
    const erasure = access(`mutation { eraseCustomers(ids: ["C1"], reason: "r") { erased } }`);
    expect(firstForbiddenField('analyst', erasure)).toEqual({ field: 'Mutation.eraseCustomers', role: 'admin' });
  });

  it('should keep the model audit, which names employees, from viewers when they ask for it with other reads', () => {
    const audit = access(`{ trainingRuns(first: 1) { id } modelAudit(first: 5) { callerName } }`);

    expect(firstForbiddenField('viewer', audit)).toEqual({ field: 'Query.modelAudit', role: 'analyst' });
    expect(firstForbiddenField('analyst', audit)).toBeUndefined();
  });

  it('should let a viewer introspect when the operation selects only introspection fields', () => {
    const introspection = access(`{ __schema { queryType { name } } __type(name: "Offer") { name } __typename }`);

    expect(introspection.every((entry) => entry.role === 'viewer')).toBe(true);
    expect(firstForbiddenField('viewer', introspection)).toBeUndefined();
  });
});

describe('firstForbiddenField', () => {
  const fields = access(`{ offers { title } predictSegment(input: {}) { segmentId } }`);

  it('should name the field above the role when the role is too low', () => {
    expect(firstForbiddenField('viewer', fields)).toEqual({ field: 'Query.predictSegment', role: 'analyst' });
  });

  it('should allow everything when the role is high enough', () => {
    expect(firstForbiddenField('analyst', fields)).toBeUndefined();
    expect(firstForbiddenField('admin', fields)).toBeUndefined();
  });
});
