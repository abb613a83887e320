import { useState, type FormEvent } from 'react';
import type { CustomerFeaturesInput } from '../gql/graphql';
import { checkFeature, FEATURE_GROUPS, featureField, featuresInput, unitText, type FeatureKey, type FeatureTexts } from '../features/feature-fields';

interface Props {
  readonly texts: FeatureTexts;
  readonly onChange: (texts: FeatureTexts) => void;
  readonly onPredict: (input: CustomerFeaturesInput) => void;
  readonly predicting: boolean;
}

/** The 17 features, checked as the user types; Predict stays disabled until every value is valid. */
export function CustomerForm({ texts, onChange, onPredict, predicting }: Props) {
  // Errors show once a field was touched (or filled from outside), not on an empty new form.
  const [touched, setTouched] = useState<ReadonlySet<FeatureKey>>(new Set());
  const input = featuresInput(texts);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (input) onPredict(input);
  };

  return (
    <form onSubmit={submit} aria-label="Customer features" noValidate>
      {FEATURE_GROUPS.map((group) => (
        <fieldset key={group.title}>
          <legend>{group.title}</legend>
          {group.keys.map((key) => {
            const field = featureField(key);
            const check = checkFeature(field, texts[key]);
            const showError = !check.ok && (touched.has(key) || texts[key] !== '');
            const id = `feature-${key}`;
            return (
              <div className="field" key={key}>
                <label htmlFor={id}>
                  {field.label} <span className="unit">({unitText(field)}{field.missingAllowed ? ', optional' : ''})</span>
                </label>
                <input
                  id={id}
                  name={field.name}
                  inputMode="decimal"
                  autoComplete="off"
                  value={texts[key]}
                  aria-invalid={showError}
                  aria-describedby={`${id}-help`}
                  onChange={(e) => onChange({ ...texts, [key]: e.target.value })}
                  onBlur={() => setTouched((t) => new Set(t).add(key))}
                />
                <span id={`${id}-help`} className={showError ? 'error' : 'help'}>
                  {showError && !check.ok ? check.error : `${field.min} to ${field.max.toLocaleString('en')}`}
                </span>
              </div>
            );
          })}
        </fieldset>
      ))}
      <button type="submit" disabled={!input || predicting}>{predicting ? 'Predicting…' : 'Predict'}</button>
      {!input && <p className="hint" id="predict-hint">Fill every required feature with a valid value to predict.</p>}
    </form>
  );
}
