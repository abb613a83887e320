import { Field, Float } from '@nestjs/graphql';
import { FEATURES } from '@seg/ml';

/**
 * Declares the 17 features as nullable Float fields named by their camelCase keys, from the one feature
 * schema in @seg/ml, so the GraphQL input and output never drift from it.
 */
export function declareFeatureFields(target: abstract new () => object): void {
  for (const spec of FEATURES) {
    Field(() => Float, { nullable: true, description: `${spec.label} (${spec.name}, ${spec.unit})` })(target.prototype, spec.key);
  }
}
