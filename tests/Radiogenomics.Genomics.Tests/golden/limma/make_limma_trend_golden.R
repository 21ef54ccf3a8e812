# Golden outputs of limma (Debian r-bioc-limma 3.54.1) eBayes(trend = TRUE) for the C# parity tests: the prior
# variance follows a natural-spline trend in the genes' average expression (fitFDist with a covariate).
# Run from this folder:  Rscript make_limma_trend_golden.R   (after make_limma_golden.R, whose inputs it reuses)
suppressPackageStartupMessages(library(limma))

fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
fmt_input <- function(x) ifelse(is.na(x), "NA", sprintf("%.15g", round(x, 4)))
read_matrix <- function(file) {
  df <- read.csv(file, check.names = FALSE, stringsAsFactors = FALSE)
  m <- as.matrix(df[, -1]); rownames(m) <- df[, 1]; m
}

trend_case <- function(name) {
  y <- read_matrix(paste0(name, "_expr.csv"))
  group <- read.csv(paste0(name, "_groups.csv"), stringsAsFactors = FALSE)$group
  fit <- lmFit(y, model.matrix(~ factor(group)))
  eb <- eBayes(fit, trend = TRUE)
  per_gene <- data.frame(gene = rownames(y), s2_prior = fmt(eb$s2.prior), s2_post = fmt(eb$s2.post),
                         t = fmt(eb$t[, 2]), p_value = fmt(eb$p.value[, 2]), lods = fmt(eb$lods[, 2]),
                         df_total = fmt(eb$df.total))
  write.csv(per_gene, paste0(name, "_trend_fit.csv"), row.names = FALSE, quote = FALSE)
  hyper <- data.frame(key = c("df_prior", "var_prior_group"), value = fmt(c(eb$df.prior, eb$var.prior[2])))
  write.csv(hyper, paste0(name, "_trend_hyper.csv"), row.names = FALSE, quote = FALSE)
  cat(name, "trend: df.prior =", eb$df.prior, " s2.prior range =", range(eb$s2.prior), "\n")
}

# A count-like mean–variance trend (log-CPM: low expression, high variance), 900 genes, 5 vs 5, 8% DE.
set.seed(404)
n <- 900; g <- rep(c("A", "B"), each = 5)
mu <- runif(n, 1, 12)
s2 <- (0.05 + 2 * exp(-0.45 * mu)) * 6 / rchisq(n, df = 6)
y <- matrix(rnorm(n * length(g), mean = rep(mu, length(g)), sd = sqrt(s2)), n, length(g))
de <- sample(n, 72)
y[de, g == "B"] <- y[de, g == "B"] + rnorm(72, 0, 1.2)
dimnames(y) <- list(sprintf("GENE%03d", seq_len(n)), sprintf("S%02d", seq_along(g)))
df <- data.frame(gene = rownames(y), apply(y, 2, fmt_input), check.names = FALSE, stringsAsFactors = FALSE)
write.csv(df, "trend_expr.csv", row.names = FALSE, quote = FALSE)
writeLines(c("sample,group", paste(colnames(y), g, sep = ",")), "trend_groups.csv")

for (name in c("trend", "hetero", "missing")) trend_case(name)
writeLines(c(paste("R", getRversion()), paste("limma", packageVersion("limma"))), "versions_trend.txt")
