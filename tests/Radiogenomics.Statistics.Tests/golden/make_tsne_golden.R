# Golden files for exact t-SNE (Rtsne 0.16, theta = 0) and for hclust/cutree (issue 15 item 3). Run in this folder:
#   Rscript make_tsne_golden.R
# Needs r-cran-rtsne (Debian). Data: R's iris (duplicates removed, as Rtsne requires) and USArrests, and a matrix
# simulated here; none was used to tune the C# code.
suppressPackageStartupMessages(library(Rtsne))
set.seed(20261207)
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
w <- function(df, file) write.csv(df, file, row.names = FALSE, quote = FALSE)
as_exact <- function(x) matrix(as.numeric(sprintf("%.17g", x)), nrow(x), ncol(x))
matrix_csv <- function(x, file) w(data.frame(matrix(fmt(x), nrow(x), dimnames = list(NULL, sprintf("v%d", seq_len(ncol(x)))))), file)

# ---- t-SNE ----------------------------------------------------------------------------------------------------
iris_x <- as_exact(unique(as.matrix(iris[, 1:4])))                 # 149 x 4: PCA keeps all 4 components
centres <- matrix(rnorm(4 * 70, sd = 2), 4, 70)
sim_x <- as_exact(centres[sample(4, 130, replace = TRUE), ] * rep(exp(runif(70, -1, 1)), each = 130) +
                  matrix(rnorm(130 * 70), 130, 70))                # 130 x 70: PCA to 50 dimensions
wide_x <- as_exact(matrix(rnorm(95 * 3), 95, 3) %*% matrix(rnorm(3 * 120), 3, 120) + matrix(rnorm(95 * 120, sd = 0.5), 95, 120))
cases <- list(iris = list(x = iris_x, perplexity = 30), sim = list(x = sim_x, perplexity = 20),
              wide = list(x = wide_x, perplexity = 25))           # 95 x 120: more features than points

# The perplexity calibration, transcribed from Rtsne's computeGaussianPerplexity (exact branch) with the same
# summation order (R's sum() accumulates in long double, so plain loops); checked against Rtsne below.
calibrate <- function(x, perplexity) {
  n <- nrow(x)
  dd <- matrix(0, n, n)
  for (i in seq_len(n)) for (j in seq_len(n)) if (i != j) {
    s <- 0; for (d in seq_len(ncol(x))) s <- s + (x[i, d] - x[j, d]) * (x[i, d] - x[j, d]); dd[i, j] <- sqrt(s) * sqrt(s)
  }
  p <- matrix(0, n, n); betas <- numeric(n); steps <- integer(n)
  for (i in seq_len(n)) {
    beta <- 1; lo <- -.Machine$double.xmax; hi <- .Machine$double.xmax; it <- 0; found <- FALSE
    while (!found && it < 200) {
      row <- exp(-beta * dd[i, ]); row[i] <- .Machine$double.xmin
      sp <- .Machine$double.xmin; for (v in row) sp <- sp + v
      h <- 0; for (m in seq_len(n)) h <- h + beta * (dd[i, m] * row[m])
      h <- h / sp + log(sp)
      hd <- h - log(perplexity)
      if (hd < 1e-5 && -hd < 1e-5) found <- TRUE
      else if (hd > 0) { lo <- beta; beta <- if (hi == .Machine$double.xmax) beta * 2 else (beta + hi) / 2 }
      else { hi <- beta; beta <- if (lo == -.Machine$double.xmax) beta / 2 else (beta + lo) / 2 }
      it <- it + 1
    }
    p[i, ] <- row / sp; betas[i] <- beta; steps[i] <- it
  }
  list(p = p, betas = betas, steps = steps)
}

for (name in names(cases)) {
  x <- cases[[name]]$x; perplexity <- cases[[name]]$perplexity; n <- nrow(x)
  matrix_csv(x, sprintf("tsne_data_%s.csv", name))
  # What Rtsne feeds its C++ code: prcomp(center = TRUE, scale. = FALSE, rank. = 50), then normalize_input.
  prepared <- normalize_input(prcomp(x, retx = TRUE, center = TRUE, scale. = FALSE, rank. = 50)$x)
  y0 <- as_exact(matrix(rnorm(n * 2, sd = 1e-4), n, 2))
  matrix_csv(y0, sprintf("tsne_init_%s.csv", name))
  cal <- calibrate(prepared, perplexity)
  # The beta searched for row i is the one its final P row used (the loop exits before changing it).
  w(data.frame(point = seq_len(n), beta = fmt(cal$betas), steps = cal$steps,
               entropy = fmt(-rowSums(ifelse(cal$p > 0, cal$p * log(cal$p), 0)))), sprintf("tsne_betas_%s.csv", name))
  # Check the transcription against Rtsne itself: one iteration from y0 (exaggeration 12, momentum 0.5, gains 1.2).
  ps <- cal$p + t(cal$p); diag(ps) <- diag(cal$p); ps <- ps / sum(ps)
  d2 <- as.matrix(dist(y0))^2; q <- 1 / (1 + d2); diag(q) <- 0
  mult <- (12 * ps - q / sum(q)) * q; diag(mult) <- 0
  grad <- y0 * rowSums(mult) - mult %*% y0
  y1 <- y0 - 200 * 1.2 * grad; y1 <- sweep(y1, 2, colMeans(y1))
  one <- Rtsne(x, theta = 0, perplexity = perplexity, Y_init = y0, max_iter = 1, stop_lying_iter = 250, mom_switch_iter = 250)
  gap <- max(abs(one$Y - y1)) / max(abs(y1 - y0))
  if (gap > 1e-9) stop(sprintf("%s: the transcribed calibration does not reproduce Rtsne's first step (relative gap %g)", name, gap))
  cat(sprintf("%s: transcription vs Rtsne first step, relative gap %.3g\n", name, gap))
  matrix_csv(prepared, sprintf("tsne_prepared_%s.csv", name))
  # Without PCA the C# code reproduces Rtsne bit for bit over all 1000 iterations. With PCA, LAPACK's SVD and the C#
  # eigen-decomposition differ in the last bits, and the early-exaggeration phase amplifies such differences about
  # tenfold every few iterations (a property of t-SNE, not of either code), so PCA runs are compared over 10 iterations.
  runs <- list()
  for (pca in c(FALSE, TRUE)) for (iters in if (pca) c(1, 10) else c(1, 100, 300, 1000)) {
    fit <- Rtsne(x, theta = 0, perplexity = perplexity, Y_init = y0, max_iter = iters, pca = pca,
                 stop_lying_iter = 250, mom_switch_iter = 250)
    runs[[length(runs) + 1]] <- data.frame(pca = pca, iterations = iters, point = seq_len(n), x = fmt(fit$Y[, 1]), y = fmt(fit$Y[, 2]),
                                           cost = fmt(fit$costs))
  }
  w(do.call(rbind, runs), sprintf("tsne_embedding_%s.csv", name))
}

# ---- hclust and cutree -----------------------------------------------------------------------------------------
sim_h <- as_exact(matrix(rnorm(46 * 12), 46, 12) + outer(rep(c(0, 1.5, -1), c(15, 16, 15)), runif(12, -1, 1)) * 2)
data_h <- list(usarrests = as_exact(as.matrix(USArrests)), sim = sim_h)
trees <- list(); orders <- list(); cuts <- list()
for (name in names(data_h)) {
  x <- data_h[[name]]
  matrix_csv(x, sprintf("hclust_data_%s.csv", name))
  z <- scale(x)                                                      # standardised features, sd with n - 1
  dists <- list(euclidean = dist(z), correlation = as.dist(1 - cor(t(z))))
  for (dn in names(dists)) {
    d <- as.matrix(dists[[dn]])
    w(data.frame(i = rep(seq_len(nrow(d)), ncol(d)), j = rep(seq_len(ncol(d)), each = nrow(d)), d = fmt(as.vector(d))),
      sprintf("hclust_dist_%s_%s.csv", name, dn))
    for (method in c("ward.D2", "complete", "average")) {
      h <- hclust(dists[[dn]], method = method)
      trees[[length(trees) + 1]] <- data.frame(data = name, distance = dn, method = method, step = seq_len(nrow(h$merge)),
                                               left = h$merge[, 1], right = h$merge[, 2], height = fmt(h$height))
      orders[[length(orders) + 1]] <- data.frame(data = name, distance = dn, method = method, position = seq_along(h$order),
                                                 item = h$order)
      for (k in 2:6) cuts[[length(cuts) + 1]] <- data.frame(data = name, distance = dn, method = method, k = k,
                                                            item = seq_len(nrow(x)), cluster = cutree(h, k = k))
    }
  }
}
w(do.call(rbind, trees), "hclust_trees.csv")
w(do.call(rbind, orders), "hclust_order.csv")
w(do.call(rbind, cuts), "hclust_cutree.csv")

writeLines(c(R.version.string, sprintf("Rtsne %s", packageVersion("Rtsne")), sprintf("stats %s", packageVersion("stats")),
             "BLAS reference (libblas3), as Rtsne's exact gradient's dgemm uses"), "versions_tsne.txt")
