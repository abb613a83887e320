import type { MigrationInterface, QueryRunner } from 'typeorm';

const SEEDED_BY = 'seed-migration';

/**
 * The curated offer of each segment id, as agreed with marketing and compliance. The copy lives here rather
 * than in a shared constant: a migration must seed the same rows forever, whatever the code becomes.
 */
const OFFERS = [
  {
    segmentId: 'transactors',
    title: 'Earn cash back on the spending you already do',
    description:
      'You use your card often and pay your balance in full, so you could be earning more from it. Upgrade to our Rewards Cash-Back card and get cash back on your everyday purchases, credited to your account every month.',
    product: 'Rewards Cash-Back credit card (upgrade)',
    channel: 'app push',
    terms:
      '1% cash back on eligible purchases, credited monthly; cash advances, balance transfers, fees and refunded purchases do not earn cash back. The annual fee and interest rates are set out in the card agreement. Upgrade subject to eligibility and credit approval.',
  },
  {
    segmentId: 'revolvers',
    title: 'Pay less interest with a balance transfer',
    description:
      'If you carry a balance from month to month, moving it to a lower rate could reduce the interest you pay. Transfer your balance to your card and more of each payment goes towards paying it off.',
    product: 'Balance transfer at a promotional rate',
    channel: 'email',
    terms:
      '0% on balance transfers for 12 months, then the standard rate; 3% transfer fee on the amount transferred; transfers must be requested within 60 days of accepting the offer. Minimum monthly payments still apply. Subject to credit approval.',
  },
  {
    segmentId: 'low-activity',
    title: 'A $25 credit when you use your card again',
    description:
      'Your card is ready whenever you need it, and now there is a reward for using it. Make $250 of purchases within 90 days and we will add a $25 credit to your statement.',
    product: 'Card activation bonus',
    channel: 'app push',
    terms:
      'One $25 statement credit per account once eligible purchases total $250 or more within 90 days of accepting the offer; cash advances, balance transfers, fees and refunded purchases do not count. The credit appears within two statement cycles. The account must be open and in good standing.',
  },
  {
    segmentId: 'cash-advance',
    title: 'Free help to bring down the cost of borrowing',
    description:
      'Cash advances are one of the most expensive ways to borrow, with a fee and interest charged from the day you take one. One of our advisers can go through your finances with you free of charge and, if it suits you, move what you owe onto a fixed monthly instalment plan.',
    product: 'Credit counselling and secured instalment plan',
    channel: 'relationship manager call',
    terms:
      'Counselling is free and places you under no obligation. The instalment plan has a fixed rate and fixed monthly payments over 12 to 36 months and is secured against collateral agreed with you, such as a savings deposit; missed payments may affect your credit record and put that collateral at risk. Subject to an affordability assessment and credit approval.',
  },
];

export class SeedOffers1764100000001 implements MigrationInterface {
  name = 'SeedOffers1764100000001';

  async up(runner: QueryRunner): Promise<void> {
    for (const offer of OFFERS) {
      await runner.query(
        `INSERT INTO offers (segment_id, title, description, product, channel, terms, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [offer.segmentId, offer.title, offer.description, offer.product, offer.channel, offer.terms, SEEDED_BY],
      );
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM offer_audit WHERE segment_id = ANY($1)`, [OFFERS.map((offer) => offer.segmentId)]);
    await runner.query(`DELETE FROM offers WHERE segment_id = ANY($1)`, [OFFERS.map((offer) => offer.segmentId)]);
  }
}
