import { FEATURE_NAMES } from '@seg/ml';
import { customerFeaturesEventSql, customerFeaturesEventStamp } from './customer-features-event.builder';

describe(customerFeaturesEventSql.name, () => {
  it('should name every feature by its CSV name with its lower-case column, null when missing, when the event is built', () => {
    const sql = customerFeaturesEventSql('changed', '$2');

    for (const name of FEATURE_NAMES) expect(sql).toContain(`"${name}":' || coalesce(changed."${name.toLowerCase()}"::text, 'null')`);
    expect(sql.match(/changed\."/g)).toHaveLength(FEATURE_NAMES.length + 2);
  });

  it("should open with the JSON-quoted id and close the features, then the source's time, before the stamp parameter when the event is built", () => {
    const sql = customerFeaturesEventSql('r', '$7');
    expect(sql).toMatch(/^'\{"customerId":' \|\| to_json\(r\."customer_id"\)::text \|\| ',"features":\{' \|\| '"BALANCE":' \|\| /);
    expect(sql).toMatch(/ \|\| '\},"occurredAt":' \|\| to_json\(r\."occurred_at"\)::text \|\| \$7$/);
  });
});

describe(customerFeaturesEventStamp.name, () => {
  it('should close the event with source, batch and the UTC time stamp with milliseconds when appended to its opening', () => {
    const stamp = { source: 'kafka', batchId: '0b6f3f8e-8f1a-4c1e-9d7e-3c2b1a0f9e8d', updatedAt: new Date('2026-01-31T12:00:00.123+01:00') } as const;

    expect(JSON.parse(`{"customerId":"C1"${customerFeaturesEventStamp(stamp)}`)).toEqual({
      customerId: 'C1',
      source: 'kafka',
      batchId: stamp.batchId,
      updatedAt: '2026-01-31T11:00:00.123Z',
    });
  });
});
