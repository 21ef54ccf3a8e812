#!/usr/bin/env python3
"""Writes genefu_genes.tsv: every Entrez Gene ID of the six genefu signatures (the tables in
src/Radiogenomics.Genomics/GenefuTables, copies of /work/shared/genefu) with the first symbol a table gives for it.
The synthetic catalogue adds these genes after the seed's genes so that all six signatures compute on the cohort.
Run from the repository root:  python3 src/Radiogenomics.Synthetic/Omics/make_genefu_genes.py"""
import csv
import os

TABLES = os.path.join("src", "Radiogenomics.Genomics", "GenefuTables")
# Table and the column holding the gene symbol (None: the table has no symbols). Order fixes the output order.
FILES = [
    ("oncotypedx_sig.csv", "symbol"), ("endopredict_sig.csv", "symbol"), ("pam50_centroids.csv", "symbol"),
    ("gene70_sig.csv", "HUGO.gene.symbol"), ("genius_GENIUSM1.csv", "NCBI.gene.symbol"),
    ("genius_GENIUSM2.csv", "NCBI.gene.symbol"), ("genius_GENIUSM3.csv", "NCBI.gene.symbol"),
    ("scmod1_module_ESR1.csv", None), ("scmod1_module_ERBB2.csv", None), ("scmod1_module_AURKA.csv", None),
    ("pik3cags_sig.csv", None),
]

symbols, order = {}, []
for name, column in FILES:
    with open(os.path.join(TABLES, name), newline="") as f:
        for row in csv.DictReader(f):
            entrez = row["EntrezGene.ID"]
            if entrez in ("", "NA"):
                continue
            if entrez not in symbols:
                symbols[entrez] = ""
                order.append(entrez)
            if column and row[column] not in ("", "NA") and not symbols[entrez]:
                symbols[entrez] = row[column]

out = os.path.join("src", "Radiogenomics.Synthetic", "Omics", "genefu_genes.tsv")
with open(out, "w", newline="\n") as f:
    f.write("entrez_id\tsymbol\n")
    for entrez in sorted(order, key=int):
        f.write(f"{entrez}\t{symbols[entrez]}\n")
print(f"{len(order)} genes ({sum(1 for e in order if not symbols[e])} without a symbol in the tables) -> {out}")
