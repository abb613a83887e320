/**
 * The share an empty bin counts as, on either side. Without it one empty bin makes the PSI infinite;
 * 1e-4 is the value Evidently substitutes. An empty current bin that held 10 % of the training rows
 * then adds (0.1 − 0.0001) · ln(0.1 / 0.0001) ≈ 0.69: an alert on its own, as a bin emptied
 * outright should be, once the window holds enough events for that not to be chance.
 */
export const PSI_EPSILON = 1e-4;

/**
 * Population Stability Index Σ (cᵢ − rᵢ) · ln(cᵢ / rᵢ) between two histograms over the same bins, given as
 * counts or shares: each side is divided by its own total, and a zero share becomes PSI_EPSILON (without
 * renormalising). Symmetric, 0 for identical shares. `from`/`to` select one feature's bins of a longer array.
 */
export function populationStabilityIndex(reference: ArrayLike<number>, current: ArrayLike<number>, from = 0, to = reference.length): number {
  if (reference.length !== current.length) throw new RangeError(`${reference.length} reference bins but ${current.length} current bins`);
  if (!(from >= 0 && from < to && to <= reference.length)) throw new RangeError(`bins [${from}, ${to}) are not within the ${reference.length} bins`);
  let referenceTotal = 0;
  let currentTotal = 0;
  for (let i = from; i < to; i++) {
    const r = reference[i];
    const c = current[i];
    if (!(r >= 0 && c >= 0)) throw new RangeError(`bin ${i - from} has reference ${r} and current ${c}: counts must be finite and ≥ 0`);
    referenceTotal += r;
    currentTotal += c;
  }
  if (!(referenceTotal > 0 && currentTotal > 0 && Number.isFinite(referenceTotal + currentTotal))) {
    throw new RangeError(`cannot compare histograms with totals ${referenceTotal} (reference) and ${currentTotal} (current)`);
  }
  let psi = 0;
  for (let i = from; i < to; i++) {
    const r = reference[i] === 0 ? PSI_EPSILON : reference[i] / referenceTotal;
    const c = current[i] === 0 ? PSI_EPSILON : current[i] / currentTotal;
    psi += (c - r) * Math.log(c / r);
  }
  return psi;
}
