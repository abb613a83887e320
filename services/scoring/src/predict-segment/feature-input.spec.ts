import { FEATURES, predict, type ModelBundle } from '@seg/ml';
import { createTestBundle, customerRecord } from '@seg/ml/testing';
import { UserInputError } from '@seg/nest';
import { predictFromInput } from './feature-input';

const inputOf = (record: Record<string, number | string | null>) => Object.fromEntries(FEATURES.map((spec) => [spec.key, record[spec.name] as number | null]));

describe(predictFromInput.name, () => {
  let bundle: ModelBundle;

  beforeAll(async () => {
    bundle = await createTestBundle({ rows: 600 });
  });

  it('should predict what predict from @seg/ml predicts when the input is valid', () => {
    const record = customerRecord({ BALANCE: 2500, CASH_ADVANCE: 1800, CASH_ADVANCE_FREQUENCY: 0.5, CASH_ADVANCE_TRX: 6, MINIMUM_PAYMENTS: null });

    expect(predictFromInput(bundle, inputOf(record))).toEqual(predict(bundle, [{ ...record, CUST_ID: undefined }])[0]);
  });

  it('should throw BAD_USER_INPUT naming the camelCase field when a value is out of range', () => {
    const failure = () => predictFromInput(bundle, inputOf(customerRecord({ PURCHASES_FREQUENCY: 3 })));

    expect(failure).toThrow(UserInputError);
    expect(failure).toThrow(/PURCHASES_FREQUENCY/);
    try {
      failure();
    } catch (error) {
      expect((error as UserInputError).field).toBe('purchasesFrequency');
    }
  });

  it('should throw naming the field when a feature that may not be missing is left out', () => {
    const { balance: _left, ...withoutBalance } = inputOf(customerRecord());

    expect(() => predictFromInput(bundle, withoutBalance)).toThrow(expect.objectContaining({ field: 'balance' }));
  });
});
