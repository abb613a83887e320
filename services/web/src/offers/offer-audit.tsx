import { useQuery } from '@apollo/client/react';
import { errorMessage } from '../api/error-message';
import { OfferAuditDocument } from '../gql/graphql';
import { ColumnHeaders } from '../table/column-headers';
import { auditChanges, FIELD_LABELS } from './offer-draft';

/** The edits of one segment's offer, latest first: who (their name then; the subject on hover), when, and each changed field before and after. */
export function OfferAudit({ segmentId }: { readonly segmentId: string }) {
  const audit = useQuery(OfferAuditDocument, { variables: { segmentId }, fetchPolicy: 'cache-and-network' });
  const entries = audit.data?.offerAudit ?? [];
  return (
    <div className="offer-audit">
      <h3 id="offer-audit-title">Audit trail</h3>
      {audit.error && <p role="alert" className="error">{errorMessage(audit.error)}</p>}
      {audit.data && entries.length === 0 && <p className="hint">No edits yet: the offer is as seeded.</p>}
      {entries.length > 0 && (
        <ol className="audit" aria-labelledby="offer-audit-title">
          {entries.map((entry) => (
            <li key={entry.id}>
              <p>
                <strong title={`Subject: ${entry.changedBy}`}>{entry.changedByName}</strong> on <time dateTime={entry.changedAt}>{new Date(entry.changedAt).toLocaleString('en-GB')}</time>
              </p>
              <table aria-label={`Changes by ${entry.changedByName}`}>
                <ColumnHeaders names={['Field', 'Before', 'After']} />
                <tbody>
                  {auditChanges(entry.before, entry.after).map((change) => (
                    <tr key={change.field}>
                      <th scope="row">{FIELD_LABELS[change.field]}</th>
                      <td className="before">{change.before}</td>
                      <td className="after">{change.after}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
