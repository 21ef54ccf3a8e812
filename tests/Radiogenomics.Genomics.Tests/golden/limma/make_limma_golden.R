# Golden outputs of limma (Debian r-bioc-limma 3.54.1) lmFit + eBayes + topTable for the C# parity tests.
# Run from this folder:  Rscript make_limma_golden.R
# Data are simulated here with fixed seeds; inputs are written as short decimals and read back first;
# outputs carry 17 significant digits.
suppressPackageStartupMessages(library(limma))

fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
fmt_input <- function(x) ifelse(is.na(x), "NA", sprintf("%.15g", round(x, 4)))  # inputs: short and exactly re-readable
write_matrix <- function(m, file, first = "gene", f = fmt) {
  df <- data.frame(first = rownames(m), apply(m, 2, f), check.names = FALSE, stringsAsFactors = FALSE)
  names(df)[1] <- first
  write.csv(df, file, row.names = FALSE, quote = FALSE)
}
read_matrix <- function(file) {
  df <- read.csv(file, check.names = FALSE, stringsAsFactors = FALSE)
  m <- as.matrix(df[, -1]); rownames(m) <- df[, 1]; m
}

one_case <- function(name, y, group) {
  write_matrix(y, paste0(name, "_expr.csv"), f = fmt_input); y <- read_matrix(paste0(name, "_expr.csv"))
  writeLines(c("sample,group", paste(colnames(y), group, sep = ",")), paste0(name, "_groups.csv"))
  design <- model.matrix(~ factor(group))
  fit <- lmFit(y, design)
  eb <- eBayes(fit)
  tt <- topTable(eb, coef = 2, number = Inf, sort.by = "B")
  per_gene <- data.frame(gene = rownames(y),
                         coef_intercept = fmt(eb$coefficients[, 1]), coef_group = fmt(eb$coefficients[, 2]),
                         stdev_unscaled_group = fmt(eb$stdev.unscaled[, 2]), sigma = fmt(eb$sigma),
                         df_residual = fmt(eb$df.residual), s2_post = fmt(eb$s2.post),
                         t = fmt(eb$t[, 2]), p_value = fmt(eb$p.value[, 2]), lods = fmt(eb$lods[, 2]),
                         df_total = fmt(eb$df.total), amean = fmt(eb$Amean))
  write.csv(per_gene, paste0(name, "_fit.csv"), row.names = FALSE, quote = FALSE)
  tab <- data.frame(rank = seq_len(nrow(tt)), gene = rownames(tt), logFC = fmt(tt$logFC), AveExpr = fmt(tt$AveExpr),
                    t = fmt(tt$t), P.Value = fmt(tt$P.Value), adj.P.Val = fmt(tt$adj.P.Val), B = fmt(tt$B))
  write.csv(tab, paste0(name, "_toptable.csv"), row.names = FALSE, quote = FALSE)
  hyper <- data.frame(key = c("df_prior", "s2_prior", "var_prior_group", "proportion"),
                      value = fmt(c(eb$df.prior, eb$s2.prior, eb$var.prior[2], eb$proportion)))
  write.csv(hyper, paste0(name, "_hyper.csv"), row.names = FALSE, quote = FALSE)
  cat(name, ": df.prior =", eb$df.prior, " s2.prior =", eb$s2.prior, "\n")
}

# 1. Heteroscedastic genes (scaled-inverse-chi-square variances, finite df.prior), 7 vs 5 samples, 10% DE.
set.seed(101)
n <- 800; g <- c(rep("A", 7), rep("B", 5))
s2 <- 0.25 * 4 / rchisq(n, df = 4)
y <- matrix(rnorm(n * length(g), mean = rep(rnorm(n, 7, 1.5), length(g)), sd = sqrt(s2)), n, length(g))
de <- sample(n, 80)
y[de, g == "B"] <- y[de, g == "B"] + rnorm(80, 0, 1.5)
y[5, ] <- round(y[5, ], 0)                 # ties do not matter to limma, but keep one such gene
dimnames(y) <- list(sprintf("GENE%03d", seq_len(n)), sprintf("S%02d", seq_along(g)))
one_case("hetero", y, g)

# 2. Identical residual sums of squares (within-group residuals are permutations of one zero-mean pattern): the moment
#    estimate of the prior variance of log s2 is not positive, so df.prior = Inf and s2.prior = mean(s2).
set.seed(7)
n <- 300; g <- rep(c("ctl", "trt"), each = 4)
pattern <- c(-0.6, -0.1, 0.2, 0.5)
y <- t(sapply(seq_len(n), function(i) c(sample(pattern), sample(pattern)) + rep(rnorm(2, 5, 1), each = 4)))
y[1:20, g == "trt"] <- y[1:20, g == "trt"] + 1
dimnames(y) <- list(sprintf("GENE%03d", seq_len(n)), sprintf("S%02d", seq_along(g)))
one_case("homo", y, g)

# 3. Missing values: genes with NA are fitted one by one on their observed samples, so residual df differ between
#    genes (df.total and the B-statistic's t-conversion to the largest df then matter).
set.seed(2024)
n <- 400; g <- c(rep("A", 6), rep("B", 6))
s2 <- 0.3 * 6 / rchisq(n, df = 6)
y <- matrix(rnorm(n * length(g), mean = rep(rnorm(n, 6, 1), length(g)), sd = sqrt(s2)), n, length(g))
y[1:30, g == "B"] <- y[1:30, g == "B"] + 1.2
na_genes <- sample(n, 60)
for (i in na_genes) y[i, sample(length(g), sample(1:3, 1))] <- NA
y[na_genes[1], ] <- c(NA, NA, NA, NA, NA, 5.1, NA, NA, NA, NA, NA, 5.9)   # one observation per group: df = 0
dimnames(y) <- list(sprintf("GENE%03d", seq_len(n)), sprintf("S%02d", seq_along(g)))
one_case("missing", y, g)

writeLines(c(paste("R", getRversion()), paste("limma", packageVersion("limma"))), "versions.txt")
