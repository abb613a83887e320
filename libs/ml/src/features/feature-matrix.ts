import { createMatrix, type Matrix } from '../matrix';
import { FEATURE_NAMES, type CustomerFeatures } from './feature-schema';

/** Customers → the raw matrix the model fits on: the 17 features in schema order, NaN for a missing value. */
export function customersToMatrix(customers: readonly CustomerFeatures[]): Matrix {
  const cols = FEATURE_NAMES.length;
  const m = createMatrix(customers.length, cols);
  customers.forEach((customer, i) => {
    for (let j = 0; j < cols; j++) {
      const value = customer.features[FEATURE_NAMES[j]];
      m.data[i * cols + j] = value === null || value === undefined ? Number.NaN : value;
    }
  });
  return m;
}
