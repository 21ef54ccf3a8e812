# Golden files for the WGCNA-style co-expression modules (issue 16 item 4): pickSoftThreshold (unsigned and
# signed), adjacency -> TOMsimilarity (unsigned, TOMDenom "min"), hclust(average) of 1 - TOM, cutreeDynamic with
# method = "tree" (dynamicTreeCut's cutreeDynamicTree), moduleEigengenes (first PC, aligned with the average scaled
# expression) and module-trait correlations with corPvalueStudent. Run in this folder:
#   Rscript make_wgcna_golden.R
# Needs r-cran-wgcna (Debian). The data were simulated here and never used to tune the C# code.
suppressPackageStartupMessages(library(WGCNA))
set.seed(20261209)
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
w <- function(df, file) write.csv(df, file, row.names = FALSE, quote = FALSE)

# 50 samples x 120 genes: three modules driven by latent factors (35, 30, 25 genes; loadings of mixed sign in the
# second), 30 noise genes; two traits that follow factors 1 and 3.
n <- 50; sizes <- c(35, 30, 25); noise <- 30
f <- matrix(rnorm(n * 3), n, 3)
cols <- list()
for (m in 1:3) for (g in seq_len(sizes[m])) {
  load <- runif(1, 0.5, 0.95) * (if (m == 2 && g %% 3 == 0) -1 else 1)
  cols[[length(cols) + 1]] <- load * f[, m] + sqrt(1 - load^2) * rnorm(n)
}
for (g in seq_len(noise)) cols[[length(cols) + 1]] <- rnorm(n)
expr <- do.call(cbind, cols)
expr <- expr[, sample(ncol(expr))]                     # genes in random order
expr <- expr * rep(exp(runif(ncol(expr), -0.5, 0.5)), each = n) + rep(runif(ncol(expr), 2, 8), each = n)
expr <- matrix(as.numeric(sprintf("%.17g", expr)), n, ncol(expr))
colnames(expr) <- sprintf("G%03d", seq_len(ncol(expr)))
traits <- cbind(trait_a = 0.8 * f[, 1] + rnorm(n, sd = 0.6), trait_b = -0.6 * f[, 3] + rnorm(n, sd = 0.8))
traits <- matrix(as.numeric(sprintf("%.17g", traits)), n, 2, dimnames = list(NULL, c("trait_a", "trait_b")))
w(data.frame(sample = seq_len(n), matrix(fmt(expr), n, dimnames = list(NULL, colnames(expr)))), "wgcna_expr.csv")
w(data.frame(sample = seq_len(n), trait_a = fmt(traits[, 1]), trait_b = fmt(traits[, 2])), "wgcna_traits.csv")

powers <- c(1:10, seq(12, 20, 2))
soft <- list()
for (type in c("unsigned", "signed")) {
  s <- pickSoftThreshold(expr, powerVector = powers, networkType = type, verbose = 0)$fitIndices
  soft[[type]] <- data.frame(network = type, power = s$Power, sft_r2 = fmt(s$SFT.R.sq), slope = fmt(s$slope),
                             truncated_r2 = fmt(s$truncated.R.sq), mean_k = fmt(s$mean.k.), median_k = fmt(s$median.k.),
                             max_k = fmt(s$max.k.))
}
w(do.call(rbind, soft), "wgcna_soft_threshold.csv")

power <- 6
adj <- adjacency(expr, power = power, type = "unsigned")
tom <- TOMsimilarity(adj, TOMType = "unsigned", TOMDenom = "min", verbose = 0)
w(data.frame(i = rep(seq_len(ncol(expr)), ncol(expr)), j = rep(seq_len(ncol(expr)), each = ncol(expr)),
             tom = fmt(as.vector(tom)))[upper.tri(tom, diag = TRUE), ], "wgcna_tom.csv")
tree <- hclust(as.dist(1 - tom), method = "average")
w(data.frame(step = seq_along(tree$height), a = tree$merge[, 1], b = tree$merge[, 2], height = fmt(tree$height),
             order = tree$order[seq_along(tree$height)], last_order = tree$order[length(tree$order)]), "wgcna_tree.csv")
labels <- list()
for (ms in c(10, 15)) for (ds in c(TRUE, FALSE)) {
  l <- cutreeDynamic(tree, method = "tree", minClusterSize = ms, deepSplit = ds, verbose = 0)
  labels[[paste(ms, ds)]] <- data.frame(min_size = ms, deep_split = ds, gene = seq_along(l), module = as.integer(l))
}
w(do.call(rbind, labels), "wgcna_modules.csv")
modules <- cutreeDynamic(tree, method = "tree", minClusterSize = 15, deepSplit = TRUE, verbose = 0)
me <- moduleEigengenes(expr, colors = modules)$eigengenes
w(data.frame(sample = rep(seq_len(n), ncol(me)), eigengene = rep(names(me), each = n), value = fmt(unlist(me, use.names = FALSE))),
  "wgcna_eigengenes.csv")
r <- cor(me, traits)
p <- corPvalueStudent(r, n)
w(data.frame(eigengene = rep(rownames(r), ncol(r)), trait = rep(colnames(r), each = nrow(r)), r = fmt(as.vector(r)), p = fmt(as.vector(p))),
  "wgcna_module_trait.csv")
writeLines(c(R.version.string, paste("WGCNA", packageVersion("WGCNA")), paste("dynamicTreeCut", packageVersion("dynamicTreeCut")),
             paste("RNG", paste(RNGkind(), collapse = " "))), "versions_wgcna.txt")
