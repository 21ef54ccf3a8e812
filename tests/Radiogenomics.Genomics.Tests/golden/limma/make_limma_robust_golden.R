# Golden outputs of limma (Debian r-bioc-limma 3.54.1) eBayes(robust = TRUE), with and without trend, for the C#
# parity tests: fitFDistRobustly (winsorised log-variances, the prior df from matching winsorised moments by uniroot,
# per-gene df.prior shrunk for outlying variances; with trend a lowess trend in Amean).
# Data: robust_expr.csv, made here on its own seed with hyper- and hypo-variable genes (the case robust = TRUE is for),
# plus the earlier cases (make_limma_golden.R, make_limma_trend_golden.R): homo (d0 = Inf), hetero, missing values
# (unequal residual df), trend.
# Run from this folder:  Rscript make_limma_robust_golden.R   (after the other two scripts, whose inputs it reuses)
suppressPackageStartupMessages(library(limma))

fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
fmt_input <- function(x) ifelse(is.na(x), "NA", sprintf("%.15g", round(x, 4)))
read_matrix <- function(file) {
  df <- read.csv(file, check.names = FALSE, stringsAsFactors = FALSE)
  m <- as.matrix(df[, -1]); rownames(m) <- df[, 1]; m
}

robust_case <- function(name, trend) {
  y <- read_matrix(paste0(name, "_expr.csv"))
  group <- read.csv(paste0(name, "_groups.csv"), stringsAsFactors = FALSE)$group
  fit <- lmFit(y, model.matrix(~ factor(group)))
  eb <- eBayes(fit, trend = trend, robust = TRUE)
  tag <- paste0(name, if (trend) "_robust_trend" else "_robust")
  per_gene <- data.frame(gene = rownames(y), df_prior = fmt(rep_len(eb$df.prior, nrow(y))),
                         s2_prior = fmt(rep_len(eb$s2.prior, nrow(y))), s2_post = fmt(eb$s2.post),
                         t = fmt(eb$t[, 2]), p_value = fmt(eb$p.value[, 2]), lods = fmt(eb$lods[, 2]),
                         df_total = fmt(eb$df.total))
  write.csv(per_gene, paste0(tag, "_fit.csv"), row.names = FALSE, quote = FALSE)
  hyper <- data.frame(key = "var_prior_group", value = fmt(eb$var.prior[2]))
  write.csv(hyper, paste0(tag, "_hyper.csv"), row.names = FALSE, quote = FALSE)
  cat(tag, ": df.prior range =", range(eb$df.prior), " s2.prior range =", range(eb$s2.prior), "\n")
}

# 1,200 genes, 6 vs 6; scaled-inverse-chi-square variances (d0 = 5) with 3% hyper-variable genes (x12 to x60) and 2%
# near-constant ones; 6% differentially expressed; a mild mean-variance trend so trend = TRUE has something to fit.
set.seed(8675309)
n <- 1200; g <- rep(c("lo", "hi"), each = 6)
mu <- runif(n, 2, 13)
s2 <- (0.08 + 1.5 * exp(-0.35 * mu)) * 5 / rchisq(n, df = 5)
hyper <- sample(n, 36); s2[hyper] <- s2[hyper] * runif(36, 12, 60)
hypo <- sample(setdiff(seq_len(n), hyper), 24); s2[hypo] <- s2[hypo] / 200
y <- matrix(rnorm(n * length(g), mean = rep(mu, length(g)), sd = sqrt(s2)), n, length(g))
de <- sample(n, 72)
y[de, g == "hi"] <- y[de, g == "hi"] + rnorm(72, 0, 1.5)
dimnames(y) <- list(sprintf("GENE%04d", seq_len(n)), sprintf("S%02d", seq_along(g)))
df <- data.frame(gene = rownames(y), apply(y, 2, fmt_input), check.names = FALSE, stringsAsFactors = FALSE)
write.csv(df, "robust_expr.csv", row.names = FALSE, quote = FALSE)
writeLines(c("sample,group", paste(colnames(y), g, sep = ",")), "robust_groups.csv")

for (name in c("robust", "homo", "hetero", "missing")) robust_case(name, FALSE)
for (name in c("robust", "trend", "hetero", "missing")) robust_case(name, TRUE)
writeLines(c(paste("R", getRversion()), paste("limma", packageVersion("limma")), paste("statmod", packageVersion("statmod"))),
           "versions_robust.txt")
