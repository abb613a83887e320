/** @jest-environment jsdom */
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { emptyFeatureTexts, FEATURE_FIELDS, featureTexts, type FeatureTexts } from '../features/feature-fields';
import type { CustomerFeaturesInput } from '../gql/graphql';
import { CustomerForm } from './customer-form';

// Plain DOM reads: the matchers of @testing-library/jest-dom are not installed.
const predictButton = () => screen.getByRole<HTMLButtonElement>('button', { name: /Predict/ });
const descriptionOf = (element: HTMLElement) => document.getElementById(element.getAttribute('aria-describedby') ?? '')?.textContent;

const validTexts = () => featureTexts(Object.fromEntries(FEATURE_FIELDS.map((f) => [f.key, f.max === 1 ? 0.5 : 12])));

function Harness({ initial, onPredict }: { initial: FeatureTexts; onPredict: (input: CustomerFeaturesInput) => void }) {
  const [texts, setTexts] = useState(initial);
  return <CustomerForm texts={texts} onChange={setTexts} onPredict={onPredict} predicting={false} />;
}

describe(CustomerForm.name, () => {
  it('should label every feature with its unit and show its range when the form is empty', () => {
    render(<Harness initial={emptyFeatureTexts()} onPredict={() => undefined} />);
    expect(screen.getAllByRole('textbox')).toHaveLength(17);
    expect(descriptionOf(screen.getByLabelText('Purchase frequency (share, 0 to 1)'))).toBe('0 to 1');
    expect(screen.getAllByRole('group').map((g) => g.firstChild?.textContent)).toEqual(['Balances', 'Purchases', 'Cash advance', 'Frequencies', 'Payments', 'Account']);
    expect(predictButton().disabled).toBe(true);
  });

  it('should show "Out of range" as the user types and block Predict when a value leaves its range', () => {
    const predicted: CustomerFeaturesInput[] = [];
    render(<Harness initial={validTexts()} onPredict={(input) => predicted.push(input)} />);
    const frequency = screen.getByLabelText('Purchase frequency (share, 0 to 1)');
    expect(predictButton().disabled).toBe(false);

    fireEvent.change(frequency, { target: { value: '1.7' } });

    expect(frequency.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(frequency)).toBe('Out of range: 0 to 1.');
    expect(predictButton().disabled).toBe(true);
    fireEvent.submit(screen.getByRole('form', { name: 'Customer features' }));
    expect(predicted).toEqual([]);
    // The other fields are untouched by one bad value.
    expect(screen.getByLabelText('Tenure (months)').getAttribute('aria-invalid')).toBe('false');
  });

  it('should say "Not a number." for text and enable Predict again once corrected', () => {
    render(<Harness initial={validTexts()} onPredict={() => undefined} />);
    const balance = screen.getByLabelText('Balance (amount)');
    fireEvent.change(balance, { target: { value: '12a' } });
    expect(descriptionOf(balance)).toBe('Not a number.');
    expect(predictButton().disabled).toBe(true);

    fireEvent.change(balance, { target: { value: '1200.5' } });
    expect(balance.getAttribute('aria-invalid')).toBe('false');
    expect(predictButton().disabled).toBe(false);
  });

  it('should send every feature as numbers, a blank optional one as null, when Predict is pressed', () => {
    const predicted: CustomerFeaturesInput[] = [];
    render(<Harness initial={{ ...validTexts(), minimumPayments: '' }} onPredict={(input) => predicted.push(input)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Predict' }));
    expect(predicted).toHaveLength(1);
    expect(predicted[0].minimumPayments).toBeNull();
    expect(predicted[0].purchasesFrequency).toBe(0.5);
    expect(Object.keys(predicted[0])).toHaveLength(17);
  });
});
