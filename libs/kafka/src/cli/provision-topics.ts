import { platformTopics } from '@seg/contracts';
import { createKafkaClient } from '../client/kafka-client';
import { kafkaConfigFromEnv } from '../config/kafka-config';
import { formatProvisioningResult, provisionTopics } from '../admin/provision-topics';

// Exit codes: 0 all topics as declared, 1 provisioning failed, 2 provisioned but some existing
// topic differs from its declaration (printed; fixing it is an operator's decision).
async function main(): Promise<number> {
  const config = kafkaConfigFromEnv();
  const results = await provisionTopics(createKafkaClient(config), platformTopics({ replicationFactor: config.replicationFactor }));
  for (const result of results) console.log(formatProvisioningResult(result));
  return results.some((r) => r.mismatches.length > 0) ? 2 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Topic provisioning failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
