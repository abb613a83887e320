import { MAX_AUDIT_PAGE_SIZE, requireAuditPageSize, requireSegmentId } from './offer-input';

describe(requireSegmentId.name, () => {
  it('should return the id when it is a known segment id', () => {
    expect(requireSegmentId('cash-advance')).toBe('cash-advance');
  });

  it('should throw naming the given field when the id is unknown or differs in case', () => {
    expect(() => requireSegmentId('Transactors')).toThrow(expect.objectContaining({ field: 'segmentId' }));
    expect(() => requireSegmentId('', 'representation.id')).toThrow(/representation.id "" is not a segment id/);
  });
});

describe(requireAuditPageSize.name, () => {
  it('should accept 1 to the maximum and refuse anything else naming first', () => {
    expect([1, MAX_AUDIT_PAGE_SIZE].map(requireAuditPageSize)).toEqual([1, MAX_AUDIT_PAGE_SIZE]);
    for (const bad of [0, -1, MAX_AUDIT_PAGE_SIZE + 1, 1.5]) expect(() => requireAuditPageSize(bad)).toThrow(expect.objectContaining({ field: 'first' }));
  });
});
