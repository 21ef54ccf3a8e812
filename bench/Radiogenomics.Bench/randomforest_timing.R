# The reference of `bench classify`'s forest: randomForest(x, factor(y), ntree = 500) at its defaults on the benchmark's
# patient-level data (little-endian doubles: x column-major, then y), one forest per seed 1..S, each timed in this
# process. Prints one line per forest: elapsed seconds, OOB error, the mean out-of-bag vote share of each case's true
# class (a smoother statistic than the error: it does not round each case's vote to a class), the AUC of the OOB votes,
# the mean correlation between two trees' votes on the cases out of bag for both (how alike the trees of one forest are),
# and the mean correlation between two trees' in-bag counts (about 0 for independent bootstrap samples). The last two
# are computed after the timing. Usage: Rscript randomforest_timing.R data.bin n p S [first seed, 1]
suppressPackageStartupMessages(library(randomForest))
args <- commandArgs(trailingOnly = TRUE)
n <- as.integer(args[2]); p <- as.integer(args[3]); seeds <- as.integer(args[4])
first <- if (length(args) >= 5) as.integer(args[5]) else 1L
con <- file(args[1], "rb")
x <- matrix(readBin(con, "double", n * p, endian = "little"), n, p)
y <- factor(readBin(con, "double", n, endian = "little"))
close(con)
mean_pair_cor <- function(m) { r <- suppressWarnings(cor(m, use = "pairwise.complete.obs")); mean(r[upper.tri(r)], na.rm = TRUE) }
for (s in first - 1L + seq_len(seeds)) {
  set.seed(s)
  t0 <- proc.time()[["elapsed"]]
  rf <- randomForest(x, y, ntree = 500, keep.inbag = TRUE)
  elapsed <- proc.time()[["elapsed"]] - t0
  truth <- as.integer(y) # 1 = first level (0), 2 = second (1)
  share <- mean(rf$votes[cbind(seq_len(n), truth)], na.rm = TRUE) # OOB vote share of the true class
  seen <- rowSums(rf$inbag == 0) > 0
  v <- rf$votes[seen, 2]; cls <- truth[seen] == 2
  auc <- (mean(rank(v)[cls]) - (sum(cls) + 1) / 2) / sum(!cls) # Mann-Whitney, ties as midranks
  votes <- (predict(rf, x, predict.all = TRUE)$individual == levels(y)[2]) * 1
  votes[rf$inbag > 0] <- NA
  cat(sprintf("%.6f %.17g %.17g %.17g %.17g %.17g\n", elapsed, rf$err.rate[500, "OOB"], share, auc, mean_pair_cor(votes), mean_pair_cor(rf$inbag)))
  flush(stdout())
}
