/** @jest-environment jsdom */
import { GraphQLError } from 'graphql';
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { OfferAuditDocument, OfferEditorDocument, UpdateOfferDocument } from '../gql/graphql';
import { OfferEditor } from './offer-editor';

const copy = { title: 'Earn more on every purchase', description: 'You buy often and pay in full.', product: 'Rewards card upgrade', channel: 'app push', terms: 'Subject to approval.' };
const offer = (segmentId: string, updatedAt: string, updatedBy: string, overrides: Partial<typeof copy> = {}) => ({
  __typename: 'Offer' as const,
  segmentId,
  ...copy,
  ...overrides,
  updatedAt,
  updatedBy,
});
const snapshot = (overrides: Partial<typeof copy> = {}) => ({ __typename: 'OfferContentSnapshot' as const, ...copy, ...overrides });

function offersMock(transactorsTitle = copy.title, updatedAt = '2026-01-01T00:00:00Z', updatedBy = 'seed-migration'): MockLink.MockedResponse {
  return {
    request: { query: OfferEditorDocument },
    result: { data: { offers: [offer('transactors', updatedAt, updatedBy, { title: transactorsTitle }), offer('revolvers', '2026-01-01T00:00:00Z', 'seed-migration', { title: 'Pay less interest' })] } },
  };
}

function auditMock(entries: { id: string; changedBy: string; changedByName: string; changedAt: string; before: ReturnType<typeof snapshot>; after: ReturnType<typeof snapshot> }[]): MockLink.MockedResponse {
  return {
    request: { query: OfferAuditDocument, variables: { segmentId: 'transactors' } },
    result: { data: { offerAudit: entries.map((entry) => ({ __typename: 'OfferAuditEntry' as const, ...entry })) } },
  };
}

const earlierEdit = { id: '1', changedBy: 'u-1842', changedByName: 'alice', changedAt: '2026-02-01T09:30:00Z', before: snapshot({ channel: 'email' }), after: snapshot() };
const labels = new Map([['transactors', 'Transactors'], ['revolvers', 'Revolvers']]);

describe(OfferEditor.name, () => {
  it('should show the selected offer in fields with their limits and its audit: who, when, each changed field before and after', async () => {
    render(
      <MockedProvider mocks={[offersMock(), auditMock([earlierEdit])]}>
        <OfferEditor segmentLabels={labels} />
      </MockedProvider>,
    );
    const title = (await screen.findByLabelText('Title')) as HTMLInputElement;

    expect(title.value).toBe(copy.title);
    expect(screen.getByText(`${copy.title.length} / 120 characters`)).toBeDefined();
    expect(Array.from((screen.getByLabelText('Offer of segment') as HTMLSelectElement).options, (o) => o.textContent)).toEqual(['Transactors', 'Revolvers']);
    const audit = await screen.findByRole('list', { name: 'Audit trail' });
    const [entry] = within(audit).getAllByRole('listitem');
    expect(entry.textContent).toMatch(/^alice on /);
    expect(entry.querySelector('strong')?.getAttribute('title')).toBe('Subject: u-1842');
    expect(entry.querySelector('time')?.getAttribute('dateTime')).toBe('2026-02-01T09:30:00Z');
    expect(Array.from(entry.querySelectorAll('tbody tr'), (row) => Array.from(row.children, (cell) => cell.textContent))).toEqual([['Channel', 'email', 'app push']]);
    expect((screen.getByRole('button', { name: 'Save offer' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("should check each field with the offers service's rules as the admin types, and keep Save disabled while one fails", async () => {
    render(
      <MockedProvider mocks={[offersMock(), auditMock([])]}>
        <OfferEditor segmentLabels={labels} />
      </MockedProvider>,
    );
    const title = await screen.findByLabelText('Title');
    const save = screen.getByRole('button', { name: 'Save offer' }) as HTMLButtonElement;

    fireEvent.change(title, { target: { value: '   ' } });
    expect(screen.getByText('Must not be empty.')).toBeDefined();
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(save.disabled).toBe(true);

    fireEvent.change(screen.getByLabelText('Channel'), { target: { value: 'c'.repeat(61) } });
    fireEvent.change(title, { target: { value: 'A better title' } });
    expect(screen.getByText('61 characters: at most 60.')).toBeDefined();
    expect(save.disabled).toBe(true);

    fireEvent.change(screen.getByLabelText('Channel'), { target: { value: 'email' } });
    expect(save.disabled).toBe(false);
    expect(await screen.findByText('No edits yet: the offer is as seeded.')).toBeDefined();
  });

  it('should send only the changed fields, trimmed, then show the stored offer, a confirmation and the new audit entry', async () => {
    const sent: unknown[] = [];
    const update: MockLink.MockedResponse = {
      request: { query: UpdateOfferDocument, variables: { segmentId: 'transactors', input: { title: 'Cash back on every purchase' } } },
      result: (variables) => {
        sent.push(variables);
        return { data: { updateOffer: offer('transactors', '2026-03-01T12:00:00Z', 'bob', { title: 'Cash back on every purchase' }) } };
      },
    };
    const newEntry = { id: '2', changedBy: 'u-2077', changedByName: 'bob', changedAt: '2026-03-01T12:00:00Z', before: snapshot(), after: snapshot({ title: 'Cash back on every purchase' }) };
    render(
      <MockedProvider mocks={[offersMock(), auditMock([earlierEdit]), update, offersMock('Cash back on every purchase', '2026-03-01T12:00:00Z', 'bob'), auditMock([newEntry, earlierEdit])]}>
        <OfferEditor segmentLabels={labels} />
      </MockedProvider>,
    );
    fireEvent.change(await screen.findByLabelText('Title'), { target: { value: '  Cash back on every purchase ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save offer' }));

    expect((await screen.findByRole('status')).textContent).toBe('Saved: the Transactors offer was updated.');
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'Audit trail' })).getAllByRole('listitem')).toHaveLength(2));
    expect(sent).toEqual([{ segmentId: 'transactors', input: { title: 'Cash back on every purchase' } }]);
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Cash back on every purchase');
    expect(screen.getByText(/^Last changed by bob on/)).toBeDefined();
    const [latest] = within(screen.getByRole('list', { name: 'Audit trail' })).getAllByRole('listitem');
    expect(Array.from(latest.querySelectorAll('tbody tr'), (row) => Array.from(row.children, (cell) => cell.textContent))).toEqual([
      ['Title', copy.title, 'Cash back on every purchase'],
    ]);
    expect((screen.getByRole('button', { name: 'Save offer' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("should show the server's refusal beside the field it names", async () => {
    const refused: MockLink.MockedResponse = {
      request: { query: UpdateOfferDocument, variables: { segmentId: 'transactors', input: { terms: 'New terms' } } },
      result: { errors: [new GraphQLError('input.terms is refused', { extensions: { code: 'BAD_USER_INPUT', field: 'input.terms' } })] },
    };
    render(
      <MockedProvider mocks={[offersMock(), auditMock([]), refused]}>
        <OfferEditor segmentLabels={labels} />
      </MockedProvider>,
    );
    fireEvent.change(await screen.findByLabelText('Terms'), { target: { value: 'New terms' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save offer' }));

    expect(await screen.findByText('The server did not accept the input: input.terms is refused')).toBeDefined();
    expect(screen.getByLabelText('Terms').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('status')).toBeNull();
  });
});
