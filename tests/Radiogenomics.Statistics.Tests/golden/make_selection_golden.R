# Golden files for the in-fold feature selection: PrincipalComponents against prcomp(center = TRUE, scale. = TRUE) and
# ReliefF against Kononenko's definition written out below (CORElearn, which implements it, is not packaged in Debian).
# Run in this folder:  Rscript make_selection_golden.R   (base R only)
fmt <- function(x) sprintf("%.17g", x)
w <- function(df, file) write.csv(df, file, row.names = FALSE, quote = FALSE)
set.seed(20261208)
# Two designs: wide (n 40 < p 60, correlated blocks, unequal scales) and tall (n 120 > p 15), plus new rows to project.
make <- function(n, p) {
  f <- matrix(rnorm(n * 3), n, 3)
  x <- f[, rep(1:3, length.out = p)] * rep(runif(p, 0.3, 1.5), each = n) + matrix(rnorm(n * p), n, p)
  x <- sweep(x, 2, exp(runif(p, -2, 3)), `*`) + rep(runif(p, -10, 10), each = n)
  x[, p] <- round(x[, p])                         # a feature with ties
  matrix(as.numeric(sprintf("%.17g", x)), n, p)
}
designs <- list(wide = c(40, 60), tall = c(120, 15))
data <- list(); pcs <- list(); scores <- list(); rel <- list()
relieff <- function(x, y, k) {
  # Kononenko (1994) ReliefF, every case a reference, k nearest hits and misses by Manhattan distance over
  # range-scaled features; diff(A, a, b) = |a - b| / (max A - min A); two classes, so the miss prior factor is 1.
  n <- nrow(x); p <- ncol(x)
  rng <- apply(x, 2, function(v) max(v) - min(v))
  z <- sweep(x, 2, ifelse(rng > 0, rng, 1), "/"); z[, rng == 0] <- 0
  W <- numeric(p)
  for (r in 1:n) {
    d <- colSums(abs(t(z) - z[r, ]))
    same <- setdiff(which(y == y[r]), r); other <- which(y != y[r])
    hits <- same[order(d[same], same)][seq_len(min(k, length(same)))]
    miss <- other[order(d[other], other)][seq_len(min(k, length(other)))]
    W <- W - colSums(abs(sweep(z[hits, , drop = FALSE], 2, z[r, ]))) / (n * length(hits)) +
             colSums(abs(sweep(z[miss, , drop = FALSE], 2, z[r, ]))) / (n * length(miss))
  }
  W
}
for (name in names(designs)) {
  n <- designs[[name]][1]; p <- designs[[name]][2]
  x <- make(n + 10, p); xnew <- x[(n + 1):(n + 10), ]; x <- x[1:n, ]
  y <- as.integer(x[, 1] / sd(x[, 1]) - x[, 2] / sd(x[, 2]) + rnorm(n) > mean(x[, 1] / sd(x[, 1]) - x[, 2] / sd(x[, 2])))
  data[[name]] <- data.frame(dataset = name, set = rep(c("train", "new"), c(n, 10)), y = c(y, rep(NA, 10)),
                             matrix(fmt(rbind(x, xnew)), n + 10, p, dimnames = list(NULL, paste0("x", 1:p))))
  pc <- prcomp(x, center = TRUE, scale. = TRUE)
  k <- 5
  pcs[[name]] <- data.frame(dataset = name, component = rep(1:k, each = p), feature = rep(1:p, k),
                            loading = fmt(as.vector(pc$rotation[, 1:k])), sdev = fmt(rep(pc$sdev[1:k], each = p)))
  s <- rbind(pc$x[, 1:k], predict(pc, xnew)[, 1:k])
  scores[[name]] <- data.frame(dataset = name, row = rep(1:(n + 10), k), component = rep(1:k, each = n + 10), score = fmt(as.vector(s)))
  for (kk in c(3, 10))
    rel[[paste(name, kk)]] <- data.frame(dataset = name, k = kk, feature = 1:p, weight = fmt(relieff(x, y, kk)))
}
for (name in names(data)) w(data[[name]], sprintf("selection_%s.csv", name))
w(do.call(rbind, pcs), "pca_loadings.csv")
w(do.call(rbind, scores), "pca_scores.csv")
w(do.call(rbind, rel), "relieff_weights.csv")
# variance-fraction choice: components needed for 50/80/95 % of the variance
w(do.call(rbind, lapply(names(designs), function(name) {
  d <- data[[name]]; x <- sapply(d[d$set == "train", grep("^x", names(d))], as.numeric)
  v <- cumsum(prcomp(x, scale. = TRUE)$sdev^2) / ncol(x)
  data.frame(dataset = name, fraction = c(0.5, 0.8, 0.95), components = sapply(c(0.5, 0.8, 0.95), function(f) which(v >= f)[1]))
})), "pca_fraction.csv")
writeLines(R.version.string, "versions_selection.txt")
