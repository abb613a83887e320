"""The scikit-learn side of bench/ml.ts: the same pipeline, timed the same way; prints one JSON document.

Run by bench/ml.ts with the libs/ml golden virtualenv (.stack/venvs/sklearn), default threads.
`--part real` times the real-data fit and silhouette (bench/ml.ts runs it in rounds alternating with the
TypeScript side, so that both see the same load on a shared machine), `--part large` the 1M-row K-Means
and predict.
"""
import argparse
import json
import statistics
import time

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import RobustScaler
from threadpoolctl import threadpool_info

EXCLUDED = ["CUST_ID", "TENURE"]
LOG1P = [
    "BALANCE", "PURCHASES", "ONEOFF_PURCHASES", "INSTALLMENTS_PURCHASES", "CASH_ADVANCE", "CASH_ADVANCE_TRX",
    "PURCHASES_TRX", "CREDIT_LIMIT", "PAYMENTS", "MINIMUM_PAYMENTS",
]
K, N_INIT, SEED = 4, 10, 42


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def fit_preprocessing(frame):
    features = [c for c in frame.columns if c not in EXCLUDED]
    log_columns = [features.index(c) for c in LOG1P]
    imputer = SimpleImputer(strategy="median")
    x = imputer.fit_transform(frame[features].to_numpy(dtype=np.float64))
    x[:, log_columns] = np.log1p(x[:, log_columns])
    scaler = RobustScaler()
    return features, log_columns, imputer, scaler, scaler.fit_transform(x)


def whole_fit(path, steps=None):
    """The fit from the file to K-Means, as the TypeScript side's realFit; with `steps`, appends the step times (ms)."""
    t0 = time.perf_counter()
    frame = pd.read_csv(path)
    t1 = time.perf_counter()
    features, log_columns, imputer, scaler, x = fit_preprocessing(frame)
    t2 = time.perf_counter()
    pca = PCA(n_components=2).fit(x)
    t3 = time.perf_counter()
    kmeans = KMeans(n_clusters=K, n_init=N_INIT, random_state=SEED).fit(x)
    t4 = time.perf_counter()
    if steps is not None:
        steps.append({"parse": (t1 - t0) * 1000, "preprocess": (t2 - t1) * 1000, "pca": (t3 - t2) * 1000, "kmeans": (t4 - t3) * 1000})
    return features, log_columns, imputer, scaler, pca, kmeans, x


def predict(raw, log_columns, imputer, scaler, pca, kmeans):
    x = imputer.transform(raw)
    x[:, log_columns] = np.log1p(x[:, log_columns])
    x = scaler.transform(x)
    return kmeans.predict(x), pca.transform(x)


def median_of(repeats, fn, warm_ups=0):
    """`repeats` timed runs after `warm_ups` untimed ones (as many as bench/ml-typescript.ts for the real data)."""
    for _ in range(warm_ups):
        fn()
    times = [timed(fn)[0] for _ in range(repeats)]
    return {"medianMs": statistics.median(times), "runsMs": times}


def bench_real(path, repeats, warm_ups):
    steps = []
    for _ in range(warm_ups):
        whole_fit(path)  # outside median_of so that their steps are not recorded
    real_fit = median_of(repeats, lambda: whole_fit(path, steps))
    _, _, _, _, _, real_kmeans, real_x = whole_fit(path)
    real_silhouette = median_of(repeats, lambda: silhouette_score(real_x, real_kmeans.labels_), warm_ups)
    return {"realFit": {**real_fit, "stepRuns": steps}, "realSilhouette": real_silhouette}


def bench_large(path, repeats):
    frame = pd.read_csv(path)
    features, log_columns, imputer, scaler, x = fit_preprocessing(frame)
    raw = frame[features].to_numpy(dtype=np.float64)
    del frame
    kmeans_1m = median_of(repeats, lambda: KMeans(n_clusters=K, n_init=N_INIT, random_state=SEED).fit(x))
    kmeans = KMeans(n_clusters=K, n_init=N_INIT, random_state=SEED).fit(x)
    pca = PCA(n_components=2).fit(x)
    predict_1m = median_of(repeats, lambda: predict(raw, log_columns, imputer, scaler, pca, kmeans))
    predict_1m["customersPerSecond"] = raw.shape[0] / (predict_1m["medianMs"] / 1000)
    return {
        "kmeans1m": {**kmeans_1m, "rows": int(x.shape[0]), "inertia": float(kmeans.inertia_)},
        "predict1m": predict_1m,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", choices=["real", "large"], default="real")
    parser.add_argument("--real")
    parser.add_argument("--synthetic")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--warm-ups", type=int, default=3)
    args = parser.parse_args()
    result = bench_real(args.real, args.repeats, args.warm_ups) if args.part == "real" else bench_large(args.synthetic, args.repeats)
    result["threadpools"] = [
        {k: info.get(k) for k in ("internal_api", "version", "architecture", "num_threads")} for info in threadpool_info()
    ]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
