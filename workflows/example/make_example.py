#!/usr/bin/env python3
"""Writes the example tables the default workflow starts from (standard library only, seeded).

Image-level radiomic features (features.csv) for 40 patients with 3-10 images each, and patient-level
genomic tables (gene.tsv, signature.tsv, pathway.tsv). Planted truth, recorded in truth.tsv:
  gene GENE01       -> fea_0001..fea_0008 (patient-level shift, effect 0.8 SD)
  pathway PATH_A    -> fea_0017..fea_0024 (effect 0.8 SD)
  signature SIG_X   -> fea_0033..fea_0036 (effect 0.8 SD)
Every other (feature, genomic feature) pair is null. Rerun: python3 workflows/example/make_example.py
"""
import csv, os, random

rng = random.Random(20231121)
here = os.path.dirname(os.path.abspath(__file__))
patients = [f"TCGA-EX-{i:04d}" for i in range(1, 41)]
n_features = 64
genes = [f"GENE{i:02d}" for i in range(1, 21)]
pathways = ["PATH_A", "PATH_B", "PATH_C", "PATH_D", "PATH_E"]
signatures = ["SIG_X", "SIG_Y", "SIG_Z"]

genomic = {p: {g: rng.gauss(0, 1) for g in genes + pathways + signatures} for p in patients}
planted = [("GENE01", range(1, 9)), ("PATH_A", range(17, 25)), ("SIG_X", range(33, 37))]
effect = 0.8

rows = []
for p in patients:
    patient_effect = [rng.gauss(0, 0.7) for _ in range(n_features)]  # random intercept per patient and feature
    for img in range(rng.randint(3, 10)):
        values = []
        for j in range(1, n_features + 1):
            mean = 10.0 + patient_effect[j - 1]
            for driver, feats in planted:
                if j in feats:
                    mean += effect * genomic[p][driver]
            values.append(round(mean + rng.gauss(0, 1.0), 6))
        rows.append([f"{p}-img{img + 1:02d}", p] + values)

with open(os.path.join(here, "features.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["image_id", "patient_id"] + [f"fea_{j:04d}" for j in range(1, n_features + 1)])
    w.writerows(rows)

for name, cols in [("gene", genes), ("pathway", pathways), ("signature", signatures)]:
    with open(os.path.join(here, f"{name}.tsv"), "w", newline="") as f:
        w = csv.writer(f, delimiter="\t")
        w.writerow(["patient_id"] + cols)
        for i, p in enumerate(patients):
            # one missing value, to exercise na.omit
            w.writerow([p] + ["NA" if (name == "gene" and i == 5 and c == "GENE20") else f"{genomic[p][c]:.6f}" for c in cols])

with open(os.path.join(here, "truth.tsv"), "w", newline="") as f:
    w = csv.writer(f, delimiter="\t")
    w.writerow(["genomic_feature", "feature", "effect_sd"])
    for driver, feats in planted:
        for j in feats:
            w.writerow([driver, f"fea_{j:04d}", effect])
