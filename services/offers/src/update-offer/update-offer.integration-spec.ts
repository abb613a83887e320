import { encodeUserName } from '@seg/contracts';
import type { Offer } from '../offers/offer.model';
import { startOffersTestApp, type OffersTestApp } from '../testing/offers-test-app';
import { UpdateOfferUseCase } from './update-offer.usecase';

const UPDATE = `mutation ($segmentId: ID!, $input: UpdateOfferInput!) {
  updateOffer(segmentId: $segmentId, input: $input) { segmentId title description product channel terms updatedAt updatedBy }
}`;
const AUDIT = `query ($segmentId: ID!) { offerAudit(segmentId: $segmentId) { id segmentId changedBy changedByName changedAt before { title terms channel } after { title terms channel } } }`;
const COPY_COLUMNS = 'segment_id, title, description, product, channel, terms, updated_at, updated_by';

let service: OffersTestApp;
const offerRow = async (segmentId: string) => (await service.dataSource.query(`SELECT ${COPY_COLUMNS} FROM offers WHERE segment_id = $1`, [segmentId]))[0];
const allOffers = () => service.dataSource.query(`SELECT ${COPY_COLUMNS} FROM offers ORDER BY segment_id`);
const auditCount = async () => Number((await service.dataSource.query(`SELECT count(*) AS n FROM offer_audit`))[0].n);

beforeAll(async () => {
  service = await startOffersTestApp();
});

afterAll(() => service?.close());

describe(UpdateOfferUseCase.name, () => {
  it('should change the offer and write one audit row with who, when, before and after when the input is valid', async () => {
    const before = await offerRow('revolvers');
    const others = (await allOffers()).filter((row: { segment_id: string }) => row.segment_id !== 'revolvers');
    const input = { title: '  A lower rate on the balance you carry ', terms: '0% for 9 months, then the standard rate; 2% fee; subject to credit approval.' };

    const { data, errors } = await service.graphql<{ updateOffer: Offer }>(UPDATE, { segmentId: 'revolvers', input }, { 'x-user-id': 'marketing-lead-42', 'x-user-name': encodeUserName('Zoë Marketing') });

    expect(errors).toBeUndefined();
    expect(data?.updateOffer).toMatchObject({ segmentId: 'revolvers', title: input.title.trim(), terms: input.terms, description: before.description, updatedBy: 'marketing-lead-42' });
    expect(await offerRow('revolvers')).toMatchObject({ title: input.title.trim(), terms: input.terms, channel: before.channel, updated_by: 'marketing-lead-42' });
    const audit = await service.graphql<{ offerAudit: Record<string, unknown>[] }>(AUDIT, { segmentId: 'revolvers' });
    expect(audit.data?.offerAudit).toEqual([
      {
        id: expect.any(String),
        segmentId: 'revolvers',
        changedBy: 'marketing-lead-42',
        changedByName: 'Zoë Marketing',
        changedAt: data?.updateOffer.updatedAt,
        before: { title: before.title, terms: before.terms, channel: before.channel },
        after: { title: input.title.trim(), terms: input.terms, channel: before.channel },
      },
    ]);
    expect((await allOffers()).filter((row: { segment_id: string }) => row.segment_id !== 'revolvers')).toEqual(others);
  });

  it('should record the user as unknown when no x-user-id header is sent', async () => {
    const { errors } = await service.graphql(UPDATE, { segmentId: 'cash-advance', input: { channel: 'branch appointment' } });
    const audit = await service.graphql<{ offerAudit: { changedBy: string; changedByName: string; after: { channel: string } }[] }>(AUDIT, { segmentId: 'cash-advance' });

    expect(errors).toBeUndefined();
    expect(audit.data?.offerAudit).toMatchObject([{ changedBy: 'unknown', changedByName: 'unknown', after: { channel: 'branch appointment' } }]);
  });

  it('should change nothing and write no audit when a field is empty or too long', async () => {
    const offersBefore = await allOffers();
    const auditsBefore = await auditCount();

    const empty = await service.graphql(UPDATE, { segmentId: 'transactors', input: { title: '   ', channel: 'email' } });
    const tooLong = await service.graphql(UPDATE, { segmentId: 'transactors', input: { terms: 't'.repeat(1001) } });

    expect(empty.data).toBeNull();
    expect(empty.errors?.[0]).toMatchObject({ message: 'input.title must not be empty', extensions: { code: 'BAD_USER_INPUT', field: 'input.title' } });
    expect(tooLong.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.terms' } });
    expect(await allOffers()).toEqual(offersBefore);
    expect(await auditCount()).toBe(auditsBefore);
  });

  it('should reject an unknown segment id naming segmentId and write nothing', async () => {
    const offersBefore = await allOffers();
    const auditsBefore = await auditCount();

    const { data, errors } = await service.graphql(UPDATE, { segmentId: 'big-spenders', input: { title: 'New title' } });

    expect(data).toBeNull();
    expect(errors?.[0]).toMatchObject({ message: expect.stringMatching(/"big-spenders" is not a segment id/), extensions: { code: 'BAD_USER_INPUT', field: 'segmentId' } });
    expect(await allOffers()).toEqual(offersBefore);
    expect(await auditCount()).toBe(auditsBefore);
  });

  it('should write no audit and keep the last change when the edit repeats the current copy', async () => {
    const before = await offerRow('low-activity');

    const { data, errors } = await service.graphql<{ updateOffer: Offer }>(UPDATE, { segmentId: 'low-activity', input: { title: before.title } }, { 'x-user-id': 'someone' });

    expect(errors).toBeUndefined();
    expect(data?.updateOffer).toMatchObject({ title: before.title, updatedBy: before.updated_by });
    expect(await offerRow('low-activity')).toEqual(before);
    expect((await service.graphql(AUDIT, { segmentId: 'low-activity' })).data).toEqual({ offerAudit: [] });
  });
});
