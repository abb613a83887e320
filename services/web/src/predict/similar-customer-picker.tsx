import { useState, type FormEvent } from 'react';

interface Props {
  readonly segments: readonly { readonly id: string; readonly label: string | null }[];
  readonly onGenerate: (segmentId: string, seed: number | null) => void;
  readonly generating: boolean;
  /** The seed of the customer last generated, so it can be regenerated. */
  readonly lastSeed: number | null;
}

export function SimilarCustomerPicker({ segments, onGenerate, generating, lastSeed }: Props) {
  const [segmentId, setSegmentId] = useState(segments[0]?.id ?? '');
  const [seed, setSeed] = useState('');
  const seedValid = seed.trim() === '' || /^\d{1,9}$/.test(seed.trim());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (segmentId && seedValid) onGenerate(segmentId, seed.trim() === '' ? null : Number(seed.trim()));
  };

  return (
    <form className="similar" onSubmit={submit} aria-label="Generate similar customer">
      <label htmlFor="similar-segment">Segment</label>
      <select id="similar-segment" value={segmentId} onChange={(e) => setSegmentId(e.target.value)}>
        {segments.map((s) => <option key={s.id} value={s.id}>{s.label ?? s.id}</option>)}
      </select>
      <label htmlFor="similar-seed">Seed (optional)</label>
      <input id="similar-seed" inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)} aria-invalid={!seedValid} aria-describedby="similar-seed-help" />
      <span id="similar-seed-help" className={seedValid ? 'help' : 'error'}>{seedValid ? 'Same seed, same customer' : 'A whole number, up to 9 digits.'}</span>
      <button type="submit" disabled={!segmentId || !seedValid || generating}>{generating ? 'Generating…' : 'Generate similar customer'}</button>
      {lastSeed !== null && <output className="seed" htmlFor="similar-segment similar-seed">Generated with seed {lastSeed}</output>}
    </form>
  );
}
