import { CombinedGraphQLErrors } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/error-message';
import { OfferAuditDocument, OfferEditorDocument, UpdateOfferDocument, type OfferEditorQuery } from '../gql/graphql';
import { OfferAudit } from './offer-audit';
import { changedFields, copyOf, draftProblems, FIELD_LABELS, fieldOfPath, OFFER_FIELDS, type OfferCopy, type OfferField } from './offer-draft';

type Offer = OfferEditorQuery['offers'][number];

// Long copy gets a text area; a headline, a product and a channel fit one line.
const MULTILINE: ReadonlySet<OfferField> = new Set(['description', 'terms']);

interface FormProps {
  readonly offer: Offer;
  readonly onSaved: (offer: Offer) => void;
}

/** One offer's copy, checked as the admin types with the offers service's rules; Save sends only what changed. */
function OfferForm({ offer, onSaved }: FormProps) {
  const [draft, setDraft] = useState<OfferCopy>(() => copyOf(offer));
  const [serverError, setServerError] = useState<{ readonly field: OfferField | null; readonly message: string } | null>(null);
  // The list and the audit are read again after a save: the form then shows what is stored, the audit the new entry.
  const [save, saving] = useMutation(UpdateOfferDocument, {
    refetchQueries: [{ query: OfferEditorDocument }, { query: OfferAuditDocument, variables: { segmentId: offer.segmentId } }],
    awaitRefetchQueries: true,
  });
  const problems = draftProblems(draft);
  const changes = changedFields(offer, draft);
  const unchanged = Object.keys(changes).length === 0;
  const valid = Object.keys(problems).length === 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid || unchanged) return;
    setServerError(null);
    try {
      const result = await save({ variables: { segmentId: offer.segmentId, input: changes } });
      if (result.data) onSaved(result.data.updateOffer);
    } catch (error) {
      const refused = CombinedGraphQLErrors.is(error) ? error.errors.find((e) => e.extensions?.['code'] === 'BAD_USER_INPUT') : undefined;
      setServerError({ field: fieldOfPath(refused?.extensions?.['field']), message: errorMessage(error) });
    }
  };

  return (
    <form onSubmit={submit} aria-label={`Offer of ${offer.segmentId}`} noValidate>
      {OFFER_FIELDS.map(({ field, max }) => {
        const id = `offer-${field}`;
        const problem = problems[field] ?? (serverError?.field === field ? serverError.message : null);
        const props = {
          id,
          value: draft[field],
          'aria-invalid': problem !== null,
          'aria-describedby': `${id}-help`,
          onChange: (e: { target: { value: string } }) => {
            setDraft({ ...draft, [field]: e.target.value });
            setServerError(null);
          },
        };
        return (
          <div className="field" key={field}>
            <label htmlFor={id}>{FIELD_LABELS[field]}</label>
            {MULTILINE.has(field) ? <textarea rows={field === 'terms' ? 4 : 3} {...props} /> : <input autoComplete="off" {...props} />}
            <span id={`${id}-help`} className={problem ? 'error' : 'help'}>
              {problem ?? `${draft[field].trim().length.toLocaleString('en')} / ${max.toLocaleString('en')} characters`}
            </span>
          </div>
        );
      })}
      <div className="inline">
        <button type="submit" disabled={!valid || unchanged || saving.loading}>{saving.loading ? 'Saving…' : 'Save offer'}</button>
        <button type="button" className="secondary" disabled={unchanged || saving.loading} onClick={() => setDraft(copyOf(offer))}>Discard changes</button>
      </div>
      {serverError && serverError.field === null && <p role="alert" className="error">{serverError.message}</p>}
    </form>
  );
}

interface Props {
  /** Segment labels by id, for the picker; an id without one is shown as is. */
  readonly segmentLabels: ReadonlyMap<string, string>;
}

/** Admins edit a segment's offer (title, description, product, channel, terms) and see its audit trail. */
export function OfferEditor({ segmentLabels }: Props) {
  const offers = useQuery(OfferEditorDocument, { fetchPolicy: 'cache-and-network' });
  const [segmentId, setSegmentId] = useState<string | null>(null);
  const [saved, setSaved] = useState<Offer | null>(null);
  const list = offers.data?.offers ?? [];
  const offer = list.find((o) => o.segmentId === segmentId) ?? list[0] ?? null;

  return (
    <section className="panel offers" aria-labelledby="offers-title">
      <h2 id="offers-title">Offers</h2>
      <p className="hint">The offer each segment&apos;s customers see. Every edit is recorded: who, when, before and after.</p>
      {offers.error && <p role="alert" className="error">{errorMessage(offers.error)}</p>}
      {offer && (
        <>
          <label htmlFor="offer-segment">Offer of segment</label>{' '}
          <select
            id="offer-segment"
            value={offer.segmentId}
            onChange={(e) => {
              setSegmentId(e.target.value);
              setSaved(null);
            }}
          >
            {list.map((o) => <option key={o.segmentId} value={o.segmentId}>{segmentLabels.get(o.segmentId) ?? o.segmentId}</option>)}
          </select>
          <p className="hint">Last changed by {offer.updatedBy} on <time dateTime={offer.updatedAt}>{new Date(offer.updatedAt).toLocaleString('en-GB')}</time>.</p>
          {/* A new form per offer version: after a save (or someone else's), the fields show what is stored. */}
          <OfferForm key={`${offer.segmentId}@${offer.updatedAt}`} offer={offer} onSaved={setSaved} />
          {saved?.segmentId === offer.segmentId && <p role="status">Saved: the {segmentLabels.get(offer.segmentId) ?? offer.segmentId} offer was updated.</p>}
          <OfferAudit segmentId={offer.segmentId} />
        </>
      )}
    </section>
  );
}
