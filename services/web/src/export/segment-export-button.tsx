import { useState } from 'react';
import type { SegmentExporter } from './segment-export';

interface Props {
  readonly segmentId: string;
  readonly label: string;
  readonly exporter: SegmentExporter;
}

/** A segment card's download of its members (CSV), with what it is doing and why it failed. */
export function SegmentExportButton({ segmentId, label, exporter }: Props) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const download = async () => {
    setState({ busy: true, error: null });
    try {
      await exporter(segmentId, 'csv');
      setState({ busy: false, error: null });
    } catch (error) {
      setState({ busy: false, error: error instanceof Error ? error.message : 'The export failed.' });
    }
  };
  return (
    <div className="export">
      <button type="button" onClick={() => void download()} disabled={state.busy} aria-label={`Download the members of ${label} as CSV`}>
        {state.busy ? 'Preparing…' : 'Download members (CSV)'}
      </button>
      {state.error && <p role="alert" className="error">{state.error}</p>}
    </div>
  );
}
