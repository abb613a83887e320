import { SEGMENT_IDS } from '@seg/ml';
import { OFFER_CONTENT_LIMITS } from '@seg/contracts';
import { InvalidOfferInputError } from '../offers/offer-input';
import { toUpdateOfferCommand, type UpdateOfferFields } from './update-offer.command';

function rejection(segmentId: string, input: UpdateOfferFields): InvalidOfferInputError {
  try {
    toUpdateOfferCommand(segmentId, input, { id: 'u-1', name: 'u-1' });
  } catch (error) {
    if (error instanceof InvalidOfferInputError) return error;
    throw error;
  }
  throw new Error('expected an InvalidOfferInputError');
}

describe(toUpdateOfferCommand.name, () => {
  it('should keep only the given fields, trimmed, with the segment and the user when the input is valid', () => {
    const caller = { id: 'analyst-7', name: 'alan' };
    const command = toUpdateOfferCommand('revolvers', { title: '  Lower rate  ', terms: 'Subject to approval.', product: undefined }, caller);

    expect(command).toEqual({ segmentId: 'revolvers', changes: { title: 'Lower rate', terms: 'Subject to approval.' }, changedBy: caller });
  });

  it('should accept every known segment id and a field at exactly its limit when they are sent', () => {
    for (const segmentId of SEGMENT_IDS) {
      expect(toUpdateOfferCommand(segmentId, { channel: 'c'.repeat(OFFER_CONTENT_LIMITS.channel) }, { id: 'u', name: 'u' }).segmentId).toBe(segmentId);
    }
  });

  it('should name segmentId and list the known ids with their labels when the segment id is unknown', () => {
    const error = rejection('big-spenders', { title: 'Valid title' });

    expect(error.field).toBe('segmentId');
    expect(error.message).toContain('"big-spenders" is not a segment id');
    expect(error.message).toContain('transactors (Active transactors)');
  });

  it('should name the field when a value is empty, blank, null or too long', () => {
    expect(rejection('transactors', { title: '' })).toMatchObject({ field: 'input.title', message: 'input.title must not be empty' });
    expect(rejection('transactors', { channel: ' \t ' }).field).toBe('input.channel');
    expect(rejection('transactors', { product: null }).message).toMatch(/input.product must not be null/);
    expect(rejection('transactors', { description: 'x'.repeat(OFFER_CONTENT_LIMITS.description + 1) })).toMatchObject({
      field: 'input.description',
      message: `input.description is ${OFFER_CONTENT_LIMITS.description + 1} characters long: at most ${OFFER_CONTENT_LIMITS.description} are allowed`,
    });
  });

  it('should name input when no field is set', () => {
    expect(rejection('low-activity', {}).field).toBe('input');
    expect(rejection('low-activity', { title: undefined }).field).toBe('input');
  });
});
