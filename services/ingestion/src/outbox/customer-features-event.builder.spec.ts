import { FEATURE_NAMES } from '@seg/ml';
import { customerFeaturesEventSql } from './customer-features-event.builder';

describe(customerFeaturesEventSql.name, () => {
  it('should name every feature by its CSV name with its lower-case column when the event is built', () => {
    const sql = customerFeaturesEventSql('changed');

    for (const name of FEATURE_NAMES) expect(sql).toContain(`'${name}', changed."${name.toLowerCase()}"`);
    expect(sql.match(/changed\."/g)).toHaveLength(FEATURE_NAMES.length + 4);
  });

  it('should carry the id, source, batch and UTC time stamp with milliseconds when the event is built', () => {
    const sql = customerFeaturesEventSql('r');

    expect(sql).toMatch(/^jsonb_build_object\('customerId', r\."customer_id", 'features', jsonb_build_object\(/);
    expect(sql).toContain(`'source', r."source", 'batchId', r."batch_id", `);
    expect(sql).toContain(`'updatedAt', to_char(r."updated_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`);
  });
});
