/** @jest-environment jsdom */
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { RejectRunDocument, RunReviewDocument } from '../gql/graphql';
import { RunReviewPanel } from './run-review-panel';

// jsdom has no layout and no 2-D canvas: the overlay's size observer only needs to exist, and it draws nothing.
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
globalThis.ResizeObserver ??= class {
  observe = () => undefined;
  disconnect = () => undefined;
  unobserve = () => undefined;
} as unknown as typeof ResizeObserver;

const RUN_ID = '4785012a-6295-4e43-b0b7-28fb96b9f3de';
const SEGMENTS = ['transactors', 'revolvers', 'low-activity', 'cash-advance', 'unassigned'];

interface AuditEntry {
  readonly action: string;
  readonly callerName: string;
  readonly reason: string | null;
}

function runMock(status: string, audit: readonly AuditEntry[] = []): MockLink.MockedResponse {
  return {
    request: { query: RunReviewDocument, variables: { id: RUN_ID } },
    result: {
      data: {
        trainingRun: {
          __typename: 'TrainingRun',
          id: RUN_ID,
          status,
          modelVersion: '3',
          startedAt: '2026-12-07T03:00:00Z',
          review: {
            __typename: 'ChallengerReview',
            championVersion: '2',
            customers: 10,
            segments: SEGMENTS,
            moves: [[3, 1, 0, 0, 0], [0, 4, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 0]],
            agreement: 0.9,
            offerChanges: { __typename: 'OfferChanges', total: 1, switched: 1, gained: 0, lost: 0 },
            shares: [
              { __typename: 'ReviewShare', segmentId: 'transactors', champion: 0.4, challenger: 0.3, changePp: -10 },
              { __typename: 'ReviewShare', segmentId: 'revolvers', champion: 0.4, challenger: 0.5, changePp: 10 },
              { __typename: 'ReviewShare', segmentId: null, champion: 0, challenger: 0, changePp: 0 },
            ],
          },
          reviewMap: {
            __typename: 'ReviewMap',
            customers: 2,
            points: [
              { __typename: 'ReviewPoint', customerId: 'C1', x: 0, y: 0, championSegment: 'transactors', challengerSegment: 'revolvers', moved: true },
              { __typename: 'ReviewPoint', customerId: 'C2', x: 1, y: 1, championSegment: 'revolvers', challengerSegment: 'revolvers', moved: false },
            ],
          },
        },
        modelAudit: audit.map((entry, i) => ({
          __typename: 'ModelAuditEntry',
          id: String(audit.length - i),
          action: entry.action,
          callerName: entry.callerName,
          detail: { __typename: 'ModelAuditDetail', reason: entry.reason },
          at: '2026-12-07T03:10:00Z',
        })),
      },
    },
  };
}

describe(RunReviewPanel.name, () => {
  it('should show the move matrix, the agreement, the offer and share changes and the overlay of a waiting run', async () => {
    render(
      <MockedProvider mocks={[runMock('awaiting-review')]}>
        <RunReviewPanel runId={RUN_ID} canDecide={false} onDecided={() => undefined} />
      </MockedProvider>,
    );
    const matrix = await screen.findByRole('table', { name: 'Move matrix' });

    expect(Array.from(matrix.querySelectorAll('thead th'), (th) => th.textContent)).toEqual(['from \\ to', ...SEGMENTS]);
    expect(Array.from(matrix.querySelectorAll('tbody tr')[0].querySelectorAll('td'), (td) => td.textContent)).toEqual(['3', '1', '0', '0', '0']);
    expect(screen.getByTestId('agreement').textContent).toBe('90.0 %');
    expect(screen.getByText(/1 would get another offer \(1 switched, 0 gained, 0 lost\)/)).toBeDefined();
    // Segments neither model has are left out of the share changes.
    expect(Array.from(screen.getByRole('table', { name: 'Share changes' }).querySelectorAll('tbody th'), (th) => th.textContent)).toEqual(['transactors', 'revolvers']);
    expect(screen.getByLabelText("Map of 2 customers by the new model's segment; 1 move").getAttribute('data-moved')).toBe('1');
    // Not an admin: nothing to decide with.
    expect(screen.queryByRole('button', { name: 'Promote' })).toBeNull();
  });

  it('should let an admin reject a waiting run only with a reason, and send it', async () => {
    const sent: unknown[] = [];
    const reject: MockLink.MockedResponse = {
      request: { query: RejectRunDocument, variables: { id: RUN_ID, reason: 'too many moves' } },
      result: (variables) => {
        sent.push(variables);
        return { data: { rejectModel: { __typename: 'TrainingRun', id: RUN_ID, status: 'rejected' } } };
      },
    };
    const decided = jest.fn();
    const history = [
      { action: 'reject', callerName: 'Rosa Díaz', reason: 'too many moves' },
      { action: 'train', callerName: 'Ada Lovelace', reason: null },
    ];
    render(
      <MockedProvider mocks={[runMock('awaiting-review', history.slice(1)), reject, runMock('rejected', history)]}>
        <RunReviewPanel runId={RUN_ID} canDecide={true} onDecided={decided} />
      </MockedProvider>,
    );
    const rejectButton = await screen.findByRole('button', { name: 'Reject' });

    expect((rejectButton as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Reason for rejecting'), { target: { value: 'too many moves' } });
    fireEvent.click(rejectButton);
    await screen.findByText('rejected', { selector: 'strong' });
    await waitFor(() => expect(decided).toHaveBeenCalledTimes(1));

    expect(sent).toEqual([{ id: RUN_ID, reason: 'too many moves' }]);
    expect(screen.queryByRole('button', { name: 'Promote' })).toBeNull();
    // The run's history from the model audit, the latest first, with people's names and the reason.
    expect(Array.from(screen.getByRole('list', { name: 'History' }).querySelectorAll('li'), (li) => li.textContent?.replace(/ at .*?(: |$)/, '$1'))).toEqual([
      'rejected by Rosa Díaz: too many moves',
      'training started by Ada Lovelace',
    ]);
  });
});
