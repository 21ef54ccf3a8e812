"""Golden files for GradientBoostedTrees: scikit-learn's GradientBoostingClassifier (log loss, friedman_mse splits,
Newton leaf values) in its deterministic setting (subsample 1, all features per split) on data nobody tuned on:
sklearn's bundled breast-cancer table (first 400 rows train, the rest test) and a seeded 12-feature simulation.
Run in this folder with Debian's python3-sklearn:  /usr/bin/python3 make_boosting_golden.py
Writes boosting_<name>.csv (set, y, x1..xp) and boosting_expected.csv (config, set, row, probability, 17 digits)."""
import csv
import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import GradientBoostingClassifier

rng = np.random.default_rng(20261207)
bc = load_breast_cancer()
n_sim = 500
xs = rng.normal(size=(n_sim, 12))
xs[:, 11] = np.round(xs[:, 11] * 2)  # a feature with ties
eta = 1.2 * xs[:, 0] - xs[:, 1] + 0.8 * xs[:, 2] * xs[:, 3] + 0.5 * np.abs(xs[:, 4]) - 0.4
ys = (rng.uniform(size=n_sim) < 1 / (1 + np.exp(-eta))).astype(int)
sets = {
    "cancer": (bc.data[:400], bc.target[:400], bc.data[400:], bc.target[400:]),
    "sim": (xs[:350], ys[:350], xs[350:], ys[350:]),
}
configs = {
    "default": dict(n_estimators=100, max_depth=3, learning_rate=0.1),
    "deep_fast": dict(n_estimators=40, max_depth=5, learning_rate=0.3),
    "stumps": dict(n_estimators=150, max_depth=1, learning_rate=0.5),
}
rows = []
for name, (xtr, ytr, xte, yte) in sets.items():
    with open(f"boosting_{name}.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["set", "y"] + [f"x{j + 1}" for j in range(xtr.shape[1])])
        for s, x, y in (("train", xtr, ytr), ("test", xte, yte)):
            for i in range(x.shape[0]):
                w.writerow([s, int(y[i])] + [repr(float(v)) for v in x[i]])
    for cname, c in configs.items():
        model = GradientBoostingClassifier(subsample=1.0, max_features=None, random_state=0, **c).fit(xtr, ytr)
        imp = model.feature_importances_
        for s, x in (("train", xtr), ("test", xte)):
            p = model.predict_proba(x)[:, 1]
            rows += [(name, cname, s, i + 1, "%.17g" % p[i]) for i in range(len(p))]
        rows += [(name, cname, "importance", j + 1, "%.17g" % imp[j]) for j in range(len(imp))]
with open("boosting_expected.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["dataset", "config", "set", "row", "value"])
    w.writerows(rows)
with open("versions_boosting.txt", "w") as f:
    f.write(f"scikit-learn {sklearn.__version__}\nnumpy {np.__version__}\n")
