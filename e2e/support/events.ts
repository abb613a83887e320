import { randomUUID } from 'node:crypto';
import type { OutgoingMessage } from '@seg/kafka';
import { syntheticCustomers } from '@seg/ml';

/** `count` synthetic customers with ids `<prefix>-<n>`, as the raw events external systems send. */
export function rawEvents(prefix: string, count: number, seed: number): OutgoingMessage[] {
  return [...syntheticCustomers(count, seed)].map(({ features }, i) => {
    const customerId = `${prefix}-${i}`;
    return { key: customerId, value: { customerId, occurredAt: new Date().toISOString(), features } };
  });
}

/** The same customers as canonical features events, straight onto the topic scoring consumes. */
export function featureEvents(prefix: string, from: number, to: number, seed: number): OutgoingMessage[] {
  const batchId = randomUUID();
  return [...syntheticCustomers(to, seed)].slice(from).map(({ features }, i) => {
    const customerId = `${prefix}-${from + i}`;
    return { key: customerId, value: { customerId, features, source: 'kafka', batchId, updatedAt: new Date().toISOString() } };
  });
}
