import { Field, InputType } from '@nestjs/graphql';
import { OFFER_CONTENT_LIMITS, type OfferContentField } from '@seg/contracts';

const limit = (field: OfferContentField) => ({ nullable: true, description: `1 to ${OFFER_CONTENT_LIMITS[field]} characters` });

@InputType({ description: 'The fields to change; a field left out keeps its current value' })
export class UpdateOfferInput {
  @Field(() => String, limit('title'))
  title?: string | null;

  @Field(() => String, limit('description'))
  description?: string | null;

  @Field(() => String, limit('product'))
  product?: string | null;

  @Field(() => String, limit('channel'))
  channel?: string | null;

  @Field(() => String, limit('terms'))
  terms?: string | null;
}
