# Golden outputs for the expression normalisations (textbook definitions in base R, no edgeR).
# Run from this folder:  Rscript make_normalization_golden.R
#   CPM     = count / library size * 1e6, library size = column sum of all counts
#   TPM     = (count / (length/1e3)) / sum over genes of the same * 1e6
#   FPKM    = count * 1e9 / (length * library size); library size = all genes, or protein-coding genes only (GDC)
#   FPKM-UQ = count * 1e9 / (length * UQ), UQ = 75th percentile (R type 7) of the sample's protein-coding counts (GDC)
#   filters: CPM > 1 (and > 100) in >= 3 samples; mean >= 1 (genes with mean < 1 removed)
#   log2(x + 1)
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
write_matrix <- function(m, file) {
  df <- data.frame(gene = rownames(m), apply(m, 2, fmt), check.names = FALSE, stringsAsFactors = FALSE)
  write.csv(df, file, row.names = FALSE, quote = FALSE)
}

set.seed(31)
n_genes <- 400; n_samples <- 10
genes <- sprintf("ENSG%05d", seq_len(n_genes))
samples <- sprintf("TCGA-%02d", seq_len(n_samples))
mu <- exp(rnorm(n_genes, 2.5, 2))
depth <- runif(n_samples, 0.5, 2)
counts <- matrix(rnbinom(n_genes * n_samples, mu = outer(mu, depth), size = 3), n_genes, n_samples,
                 dimnames = list(genes, samples))
counts[1:5, ] <- 0
annot <- data.frame(gene = genes, length = round(runif(n_genes, 300, 12000)),
                    protein_coding = ifelse(runif(n_genes) < 0.7, "true", "false"))
write_matrix(counts, "counts.csv")
write.csv(annot, "genes.csv", row.names = FALSE, quote = FALSE)

len <- annot$length; pc <- annot$protein_coding == "true"
lib <- colSums(counts); lib_pc <- colSums(counts[pc, ])
cpm <- t(t(counts) / lib) * 1e6
rate <- counts / (len / 1e3); tpm <- t(t(rate) / colSums(rate)) * 1e6
fpkm <- counts * 1e9 / outer(len, lib)
fpkm_pc <- counts * 1e9 / outer(len, lib_pc)
uq <- apply(counts[pc, ], 2, quantile, probs = 0.75, type = 7, names = FALSE)
fpkm_uq <- counts * 1e9 / outer(len, uq)

write_matrix(cpm, "cpm.csv"); write_matrix(tpm, "tpm.csv"); write_matrix(fpkm, "fpkm.csv")
write_matrix(fpkm_pc, "fpkm_pc.csv"); write_matrix(fpkm_uq, "fpkm_uq.csv")
write_matrix(log2(fpkm_uq + 1), "log2_fpkm_uq.csv")
keep_cpm <- rowSums(cpm > 1) >= 3
keep_cpm100 <- rowSums(cpm > 100) >= 3
keep_mean <- rowMeans(fpkm_uq) >= 1
write.csv(data.frame(gene = genes, cpm_gt1_in3 = keep_cpm, cpm_gt100_in3 = keep_cpm100, fpkm_uq_mean_ge1 = keep_mean),
          "filters.csv", row.names = FALSE, quote = FALSE)
write.csv(data.frame(sample = samples, library_size = fmt(lib), library_size_pc = fmt(lib_pc), upper_quartile_pc = fmt(uq)),
          "library.csv", row.names = FALSE, quote = FALSE)
writeLines(paste("R", getRversion()), "versions.txt")
