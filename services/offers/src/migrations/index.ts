import { CreateOffersTables1764100000000 } from './1764100000000-create-offers-tables';
import { SeedOffers1764100000001 } from './1764100000001-seed-offers';
import { AuditCallerName1765000000000 } from './1765000000000-audit-caller-name';

/** In order of application. */
export const OFFERS_MIGRATIONS = [CreateOffersTables1764100000000, SeedOffers1764100000001, AuditCallerName1765000000000];
