import { ChampionHolder, type Champion } from './champion.holder';

/** No champion loaded: nothing to predict with (not the caller's mistake). */
export class NoChampionError extends Error {
  constructor(modelName: string) {
    super(`No champion model of ${modelName} is loaded yet: train and promote one first`);
    this.name = 'NoChampionError';
  }
}

/** The champion a query computes with, or NoChampionError before the first promotion. */
export function requireChampion(champions: ChampionHolder): Champion {
  const champion = champions.current();
  if (champion === null) throw new NoChampionError(champions.modelName);
  return champion;
}
