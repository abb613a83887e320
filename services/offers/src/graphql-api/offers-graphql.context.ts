import type { RequestCaller } from '@seg/nest';
import type { OfferLoader } from '../offers/offers.service';

/** Built fresh per request (see AppModule): batching and caching never leak between requests or users. */
export interface OffersGraphqlContext {
  readonly offerLoader: OfferLoader;
  readonly caller: RequestCaller;
}
