import { useApolloClient } from '@apollo/client/react';
import { useState } from 'react';
import { errorMessage } from '../api/error-message';
import { emptyFeatureTexts, featureTexts, type FeatureTexts } from '../features/feature-fields';
import { PredictSegmentDocument, SimilarCustomerDocument, type CustomerFeaturesInput, type PredictSegmentQuery } from '../gql/graphql';
import type { MapHighlight } from '../map/pca-map';
import { CustomerForm } from './customer-form';
import { PredictionPanel } from './prediction-panel';
import { SimilarCustomerPicker } from './similar-customer-picker';

interface Props {
  readonly segments: readonly { readonly id: string; readonly label: string | null }[];
  readonly onHighlight: (highlight: MapHighlight | null) => void;
}

export function PredictSection({ segments, onHighlight }: Props) {
  const client = useApolloClient();
  const [texts, setTexts] = useState<FeatureTexts>(emptyFeatureTexts);
  const [busy, setBusy] = useState<'predict' | 'generate' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [seed, setSeed] = useState<number | null>(null);
  const [prediction, setPrediction] = useState<PredictSegmentQuery['predictSegment'] | null>(null);
  const labels = new Map(segments.map((s) => [s.id, s.label ?? s.id]));

  const run = async <T,>(kind: 'predict' | 'generate', task: () => Promise<T>): Promise<T | null> => {
    setBusy(kind);
    setError(null);
    try {
      return await task();
    } catch (e) {
      setError(errorMessage(e));
      return null;
    } finally {
      setBusy(null);
    }
  };

  const changeTexts = (next: FeatureTexts) => {
    setTexts(next);
    // A result for other values would be misleading.
    setPrediction(null);
    onHighlight(null);
  };

  const generate = (segmentId: string, requestedSeed: number | null) => run('generate', async () => {
    const { data } = await client.query({ query: SimilarCustomerDocument, variables: { segmentId, seed: requestedSeed }, fetchPolicy: 'network-only' });
    if (!data) return;
    changeTexts(featureTexts(data.similarCustomer.features));
    setSeed(data.similarCustomer.seed);
  });

  const predict = (input: CustomerFeaturesInput) => run('predict', async () => {
    const { data } = await client.query({ query: PredictSegmentDocument, variables: { input }, fetchPolicy: 'network-only' });
    if (!data) return;
    setPrediction(data.predictSegment);
    onHighlight({ ...data.predictSegment.pca, label: `This customer: ${data.predictSegment.segment.label ?? data.predictSegment.segment.id}` });
  });

  return (
    <section className="panel" aria-labelledby="predict-title">
      <h2 id="predict-title">Predict a customer's segment</h2>
      {segments.length > 0 && <SimilarCustomerPicker segments={segments} onGenerate={generate} generating={busy === 'generate'} lastSeed={seed} />}
      <div className="predict-layout">
        <CustomerForm texts={texts} onChange={changeTexts} onPredict={predict} predicting={busy === 'predict'} />
        <div>
          {error && <p role="alert" className="error">{error}</p>}
          {prediction && <PredictionPanel prediction={prediction} segmentLabels={labels} />}
        </div>
      </div>
    </section>
  );
}
