"""Golden figures for libs/ml's drift monitoring, computed with numpy (run through run.sh).

Writes one small JSON:
- `psiCases`: seeded count histograms (numpy's default_rng) and their Population Stability Index, with
  empty bins on either side among them;
- `real`: on the real data, through the default pipeline of sklearn_golden.py, the reference decile bins of
  every clustered feature (numpy's inverted-CDF quantiles), the counts of the customers with TENURE < 12 in
  those bins and their PSI per feature (a real sub-population that differs), and the RMS spread of each of
  scikit-learn's k = 4 clusters (the labels in sklearn-golden.json) around its mean.
"""
import argparse
import json

import numpy as np
import pandas as pd

from sklearn_golden import preprocess

PSI_EPSILON = 1e-4  # an empty bin's share, as libs/ml/src/drift/psi.ts and Evidently
BINS = 10
PSI_SEED = 20
TENURE_FULL = 12


def psi(reference_counts, current_counts):
    reference = np.asarray(reference_counts, dtype=np.float64)
    current = np.asarray(current_counts, dtype=np.float64)
    r = reference / reference.sum()
    c = current / current.sum()
    r[r == 0] = PSI_EPSILON
    c[c == 0] = PSI_EPSILON
    return float(np.sum((c - r) * np.log(c / r)))


def psi_cases():
    rng = np.random.default_rng(PSI_SEED)
    cases = []

    def add(name, reference, current):
        cases.append({"name": name, "reference": [int(v) for v in reference], "current": [int(v) for v in current],
                      "psi": psi(reference, current)})

    deciles = np.full(10, 0.1)
    add("same distribution, 10,000 vs 2,000", rng.multinomial(10_000, deciles), rng.multinomial(2_000, deciles))
    shifted = rng.dirichlet(np.full(10, 5.0))
    add("shifted distribution", rng.multinomial(10_000, deciles), rng.multinomial(5_000, shifted))
    skewed = np.array([0.45, 0.05, 0.1, 0.1, 0.1, 0.2])
    current = rng.multinomial(800, [0.0, 0.1, 0.2, 0.2, 0.2, 0.3])
    add("empty current bin", rng.multinomial(8_950, skewed), current)
    add("empty reference bin", [0, 300, 300, 400], rng.multinomial(1_000, [0.05, 0.3, 0.3, 0.35]))
    add("four segments", rng.multinomial(8_950, [0.45, 0.28, 0.137, 0.133]), rng.multinomial(3_000, [0.4, 0.3, 0.15, 0.15]))
    return cases


def reference_bins(column):
    """Edges: the inverted-CDF quantiles i/BINS (a data value), deduplicated, the maximum dropped; shares per bin."""
    ordered = np.sort(column)
    n = ordered.size
    quantiles = np.arange(1, BINS) / BINS
    by_index = ordered[[-(-n * i // BINS) - 1 for i in range(1, BINS)]]
    assert np.array_equal(by_index, np.quantile(ordered, quantiles, method="inverted_cdf")), "inverted-CDF index formula disagrees with numpy"
    edges = np.unique(by_index)
    edges = edges[edges < ordered[-1]]
    return edges, bin_counts(edges, column) / n


def bin_counts(edges, values):
    """A value goes to the first bin whose upper edge is >= it: the number of edges below it."""
    return np.bincount(np.searchsorted(edges, values, side="left"), minlength=edges.size + 1)


def real_golden(path, labels_k4):
    frame = pd.read_csv(path)
    model_features, _, _, _, x = preprocess(frame)
    features = []
    drifted = frame["TENURE"].to_numpy() < TENURE_FULL
    for j, name in enumerate(model_features):
        edges, shares = reference_bins(x[:, j])
        counts = bin_counts(edges, x[drifted, j])
        features.append({"feature": name, "edges": edges.tolist(), "shares": shares.tolist(),
                         "tenureBelow12Counts": counts.tolist(), "tenureBelow12Psi": psi(shares, counts)})
    labels = np.array([int(c) for c in labels_k4])
    spread = []
    for c in range(labels.max() + 1):
        members = x[labels == c]
        spread.append(float(np.sqrt(np.mean(np.sum((members - members.mean(axis=0)) ** 2, axis=1)))))
    return {"rows": int(x.shape[0]), "tenureBelow12Rows": int(drifted.sum()), "features": features, "clusterSpreadSklearnK4": spread}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--real", required=True)
    parser.add_argument("--sklearn-golden", required=True, help="sklearn-golden.json, for scikit-learn's k = 4 labels")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    with open(args.sklearn_golden, encoding="utf-8") as handle:
        labels_k4 = json.load(handle)["datasets"]["real"]["labelsK4"]
    document = {
        "generatedBy": "libs/ml/golden/drift_golden.py",
        "versions": {"numpy": np.__version__, "pandas": pd.__version__},
        "psiEpsilon": PSI_EPSILON,
        "bins": BINS,
        "psiCases": psi_cases(),
        "real": {"source": "../shared/data/Customer Data.csv", **real_golden(args.real, labels_k4)},
    }
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=1)
        handle.write("\n")


if __name__ == "__main__":
    main()
