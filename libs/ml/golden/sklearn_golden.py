"""Golden figures for libs/ml, computed by scikit-learn (the reference the TypeScript numerics are held to).

Run through run.sh (own virtualenv). Writes one small JSON: per dataset the imputer statistics, robust
scaler centre/scale, PCA (explained variance, ratio, components after the sign convention, projections
of every 50th row), silhouette / Davies-Bouldin / Calinski-Harabasz of scikit-learn's own best-of-10
k=4 labels (stored as a digit string), and best-of-10 K-Means inertia for k = 2..9.
"""
import argparse
import json
import platform

import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.metrics import calinski_harabasz_score, davies_bouldin_score, silhouette_score
from sklearn.preprocessing import RobustScaler
from threadpoolctl import threadpool_info

# The default pipeline of issue 3 (mirrors DEFAULT_PIPELINE_CONFIG in libs/ml).
FEATURES = [
    "BALANCE", "BALANCE_FREQUENCY", "PURCHASES", "ONEOFF_PURCHASES", "INSTALLMENTS_PURCHASES", "CASH_ADVANCE",
    "PURCHASES_FREQUENCY", "ONEOFF_PURCHASES_FREQUENCY", "PURCHASES_INSTALLMENTS_FREQUENCY",
    "CASH_ADVANCE_FREQUENCY", "CASH_ADVANCE_TRX", "PURCHASES_TRX", "CREDIT_LIMIT", "PAYMENTS",
    "MINIMUM_PAYMENTS", "PRC_FULL_PAYMENT", "TENURE",
]
EXCLUDED = ["TENURE"]
LOG1P = [
    "BALANCE", "PURCHASES", "ONEOFF_PURCHASES", "INSTALLMENTS_PURCHASES", "CASH_ADVANCE", "CASH_ADVANCE_TRX",
    "PURCHASES_TRX", "CREDIT_LIMIT", "PAYMENTS", "MINIMUM_PAYMENTS",
]
K_RANGE = range(2, 10)
N_INIT = 10  # scikit-learn >= 1.4 defaults to n_init='auto' (one start): be explicit
PROJECTION_STEP = 50
RANDOM_STATE = 0


def sign_convention(components):
    """The largest-|loading| entry of each component positive (libs/ml's withSignConvention)."""
    out = components.copy()
    for row in out:
        if row[np.argmax(np.abs(row))] < 0:
            row *= -1
    return out


def preprocess(frame):
    model_features = [f for f in FEATURES if f not in EXCLUDED]
    raw = frame[model_features].to_numpy(dtype=np.float64)
    median_imputer = SimpleImputer(strategy="median").fit(raw)
    mean_imputer = SimpleImputer(strategy="mean").fit(raw)
    imputed = median_imputer.transform(raw)
    for name in LOG1P:
        j = model_features.index(name)
        imputed[:, j] = np.log1p(imputed[:, j])
    scaler = RobustScaler().fit(imputed)
    return model_features, median_imputer, mean_imputer, scaler, scaler.transform(imputed)


def golden_for(path):
    frame = pd.read_csv(path)
    model_features, median_imputer, mean_imputer, scaler, x = preprocess(frame)
    pca = PCA(n_components=2).fit(x)
    components = sign_convention(pca.components_)
    rows = np.arange(0, x.shape[0], PROJECTION_STEP)
    projections = (x[rows] - pca.mean_) @ components.T

    best4 = KMeans(n_clusters=4, n_init=N_INIT, random_state=RANDOM_STATE).fit(x)
    labels = best4.labels_
    inertia = {
        str(k): float(KMeans(n_clusters=k, n_init=N_INIT, random_state=RANDOM_STATE, max_iter=300, tol=1e-4).fit(x).inertia_)
        for k in K_RANGE
    }
    return {
        "rows": int(x.shape[0]),
        "featureNames": model_features,
        "imputerMedian": median_imputer.statistics_.tolist(),
        "imputerMean": mean_imputer.statistics_.tolist(),
        "scalerCenter": scaler.center_.tolist(),
        "scalerScale": scaler.scale_.tolist(),
        "pca": {
            "mean": pca.mean_.tolist(),
            "explainedVariance": pca.explained_variance_.tolist(),
            "explainedVarianceRatio": pca.explained_variance_ratio_.tolist(),
            "components": components.tolist(),
            "projectionStep": PROJECTION_STEP,
            "projections": projections.tolist(),
        },
        "labelsK4": "".join(str(int(label)) for label in labels),
        "metricsK4": {
            "inertia": float(best4.inertia_),
            "silhouette": float(silhouette_score(x, labels)),
            "daviesBouldin": float(davies_bouldin_score(x, labels)),
            "calinskiHarabasz": float(calinski_harabasz_score(x, labels)),
        },
        "bestOf10Inertia": inertia,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--real", required=True)
    parser.add_argument("--synthetic", required=True)
    parser.add_argument("--synthetic-seed", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    synthetic = golden_for(args.synthetic)
    document = {
        "generatedBy": "libs/ml/golden/sklearn_golden.py",
        "versions": {
            "python": platform.python_version(), "numpy": np.__version__, "pandas": pd.__version__,
            "scikit-learn": sklearn.__version__,
        },
        "blas": [{k: info.get(k) for k in ("internal_api", "version", "architecture", "num_threads")} for info in threadpool_info()],
        "pipeline": {"impute": "median", "log1pColumns": LOG1P, "excludeColumns": EXCLUDED, "scaler": "robust",
                     "kMeans": {"nInit": N_INIT, "randomState": RANDOM_STATE, "maxIter": 300, "tol": 1e-4}},
        "datasets": {
            "real": {"source": "../shared/data/Customer Data.csv", **golden_for(args.real)},
            "synthetic": {"source": f"SyntheticCustomerGenerator, seed {args.synthetic_seed}",
                          "seed": args.synthetic_seed, **synthetic},
        },
    }
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=1)
        handle.write("\n")


if __name__ == "__main__":
    main()
