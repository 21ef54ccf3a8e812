# Golden outputs of GSVA (Debian r-bioc-gsva 1.46.0) for the C# parity tests.
# Run from this folder:  Rscript make_gsva_golden.R
# The data are simulated here with a fixed seed (they are not tuned to the C# code). Every input is written to CSV
# as short decimals (outputs with 17 significant digits) and read back before GSVA sees it, so R and C# start from bit-identical doubles.
suppressPackageStartupMessages(library(GSVA))
stopifnot(packageVersion("GSVA") == "1.46.0")

fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
fmt_input <- function(x) sprintf("%.15g", round(x, 4))  # inputs: short and exactly re-readable
write_matrix <- function(m, file, first = "gene", f = fmt) {
  df <- data.frame(first = rownames(m), apply(m, 2, f), check.names = FALSE, stringsAsFactors = FALSE)
  names(df)[1] <- first
  write.csv(df, file, row.names = FALSE, quote = FALSE)
}
read_matrix <- function(file) {
  df <- read.csv(file, check.names = FALSE, stringsAsFactors = FALSE)
  m <- as.matrix(df[, -1]); rownames(m) <- df[, 1]; m
}

set.seed(20240611)
n_genes <- 1200; n_samples <- 24
genes <- sprintf("G%04d", seq_len(n_genes))
samples <- sprintf("S%02d", seq_len(n_samples))

# Continuous log-scale expression: gene-specific mean and spread, a block of co-regulated genes, and ties.
mu <- rnorm(n_genes, 6, 2); sdg <- runif(n_genes, 0.3, 1.5)
expr <- matrix(rnorm(n_genes * n_samples, mu, sdg), n_genes, n_samples)
factor1 <- rnorm(n_samples)
expr[1:150, ] <- expr[1:150, ] + outer(runif(150, 0.5, 1.5), factor1)
tie_rows <- sample(n_genes, 300)
expr[tie_rows, ] <- round(expr[tie_rows, ], 1)          # many ties within samples after truncation
expr[c(7, 500, 901), ] <- 5                              # constant genes (kept by ssgsea, dropped by gsva/zscore/plage)
dimnames(expr) <- list(genes, samples)
rownames(expr)[1100] <- "G0010"                          # a duplicated row name: GSVA's match() uses the first row

# Counts for the Poisson kernel.
lam <- exp(rnorm(n_genes, 3, 1.5))
counts <- matrix(rnbinom(n_genes * n_samples, mu = rep(lam, n_samples), size = 5), n_genes, n_samples)
counts[c(3, 44), ] <- 0                                  # all-zero genes are constant and dropped
dimnames(counts) <- list(genes, samples)

write_matrix(expr, "expr.csv", f = fmt_input); expr <- read_matrix("expr.csv")
write_matrix(counts, "counts.csv"); counts <- read_matrix("counts.csv")

# Gene sets: sizes 1..250, genes missing from the matrix, a set with no gene present, a duplicated member,
# a constant gene, and overlap between sets.
pick <- function(k) sample(genes, k)
gsets <- list(
  SET_05 = pick(5),
  SET_10 = c(pick(8), "NOT_A_GENE_1", "NOT_A_GENE_2"),
  SET_15 = pick(15),
  SET_25_BLOCK = genes[1:25],
  SET_40 = c(pick(32), paste0("MISSING_", 1:8)),
  SET_60 = pick(60),
  SET_100_BLOCK = c(genes[100:149], pick(50)),
  SET_150 = pick(150),
  SET_200 = pick(200),
  SET_250 = pick(250),
  SET_ONE = pick(1),
  SET_NONE_PRESENT = paste0("ABSENT_", 1:12),
  SET_WITH_CONSTANT = c(genes[c(7, 500)], pick(10)),
  SET_DUPLICATE_MEMBER = c(genes[c(200, 200)], pick(6)),
  SET_DUP_ROWNAME = c("G0010", pick(9))
)
gs_long <- do.call(rbind, lapply(names(gsets), function(s) data.frame(set = s, gene = gsets[[s]])))
write.csv(gs_long, "genesets.csv", row.names = FALSE, quote = FALSE)

run <- function(name, x, ...) {
  res <- suppressWarnings(gsva(x, gsets, verbose = FALSE, ...))
  write_matrix(res, paste0(name, ".csv"), first = "set")
  cat(name, ": ", nrow(res), " sets x ", ncol(res), " samples\n", sep = "")
}
invisible(capture.output({
  run("ssgsea_default", expr, method = "ssgsea")
  run("ssgsea_raw_min5_max200", expr, method = "ssgsea", ssgsea.norm = FALSE, min.sz = 5, max.sz = 200)
  run("gsva_gaussian", expr, method = "gsva", kcdf = "Gaussian", min.sz = 2, max.sz = 200)
  run("gsva_gaussian_maxdev", expr, method = "gsva", kcdf = "Gaussian", mx.diff = FALSE)
  run("gsva_gaussian_absrank", expr, method = "gsva", kcdf = "Gaussian", abs.ranking = TRUE, min.sz = 2)
  run("gsva_poisson", counts, method = "gsva", kcdf = "Poisson", min.sz = 2)
  run("gsva_ecdf", expr, method = "gsva", kcdf = "none", min.sz = 2)
  run("zscore", expr, method = "zscore", min.sz = 2)
  run("plage", expr, method = "plage", min.sz = 2)
}, type = "output"))
# Single sample: ssGSEA is defined (the normalisation runs over the sets), GSVA's kernel CDF is not.
one <- expr[, 1, drop = FALSE]
res1 <- suppressWarnings(gsva(one, gsets, method = "ssgsea", verbose = FALSE))
write_matrix(res1, "ssgsea_single_sample.csv", first = "set")
single_gsva <- tryCatch({ suppressWarnings(gsva(one, gsets, method = "gsva", verbose = FALSE)); "ran" },
                        error = function(e) conditionMessage(e))
writeLines(c(paste("R", getRversion()), paste("GSVA", packageVersion("GSVA")),
             paste("matrixStats", packageVersion("matrixStats")),
             paste("gsva(single sample, method='gsva'):", trimws(single_gsva))), "versions.txt")
