import { dlqTopicFor, isDlqTopic, platformTopics, topicName, Topics } from './topics';

describe('topics', () => {
  describe(dlqTopicFor.name, () => {
    it('should insert the dlq marker before the version when the topic is versioned', () => {
      expect(dlqTopicFor(Topics.customersRaw)).toBe(Topics.customersRawDlq);
      expect(dlqTopicFor('it.abc123.orders.v12')).toBe('it.abc123.orders.dlq.v12');
    });

    it('should throw when the topic has no version suffix', () => {
      expect(() => dlqTopicFor('customers.raw')).toThrow('must end with a version');
    });

    it('should throw when the topic is already a DLQ', () => {
      expect(() => dlqTopicFor(Topics.customersRawDlq)).toThrow('already a DLQ');
    });
  });

  describe(platformTopics.name, () => {
    it('should declare a DLQ for each consumed topic and none for the others when listed', () => {
      const names = platformTopics().map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(Object.values(Topics)));
      expect(names).toHaveLength(Object.values(Topics).length);
      expect(names.filter(isDlqTopic)).toEqual([Topics.customersRawDlq, Topics.customersFeaturesDlq, Topics.modelsPromotedDlq, Topics.modelsHealthDlq, Topics.customersErasedDlq]);
      expect(names).not.toContain(dlqTopicFor(Topics.customersSegments));
    });

    it("should put the prefix before every name, the DLQs' included, and change nothing else when a prefix is given", () => {
      const prefixed = platformTopics({ prefix: 'it.3f9a1c07.' });
      expect(prefixed.map((t) => t.name)).toEqual(platformTopics().map((t) => topicName('it.3f9a1c07.', t.name)));
      expect(prefixed.find((t) => t.name === 'it.3f9a1c07.customers.raw.dlq.v1')).toMatchObject({ cleanupPolicy: 'delete', partitions: 3 });
      expect(prefixed.map(({ name: _name, ...rest }) => rest)).toEqual(platformTopics().map(({ name: _name, ...rest }) => rest));
    });

    it('should compact the features and promotions topics only when listed', () => {
      const compacted = platformTopics().filter((t) => t.cleanupPolicy === 'compact').map((t) => t.name);
      expect(compacted).toEqual([Topics.customersFeatures, Topics.modelsPromoted]);
    });

    it('should give customer topics 3 partitions and model topics 1 when listed', () => {
      const partitions = Object.fromEntries(platformTopics().map((t) => [t.name, t.partitions]));
      expect(partitions[Topics.customersRaw]).toBe(3);
      expect(partitions[Topics.customersFeaturesDlq]).toBe(3);
      expect(partitions[Topics.modelsPromoted]).toBe(1);
      expect(partitions[Topics.modelsPromotedDlq]).toBe(1);
      expect(partitions[Topics.modelsHealth]).toBe(1);
      expect(partitions[Topics.customersErased]).toBe(3);
    });

    it('should keep the erased customers no longer than the raw events when listed', () => {
      const erased = platformTopics().find((t) => t.name === Topics.customersErased);
      const raw = platformTopics().find((t) => t.name === Topics.customersRaw);
      expect(erased?.cleanupPolicy).toBe('delete');
      expect(erased?.retentionMs).toBe(raw?.retentionMs);
    });

    it('should apply the replication factor to every topic when one is given', () => {
      expect(platformTopics().every((t) => t.replicationFactor === 1)).toBe(true);
      expect(platformTopics({ replicationFactor: 3 }).every((t) => t.replicationFactor === 3)).toBe(true);
    });

    it('should throw when the replication factor is not a positive integer', () => {
      expect(() => platformTopics({ replicationFactor: 0 })).toThrow('Invalid replication factor 0');
    });
  });
});
