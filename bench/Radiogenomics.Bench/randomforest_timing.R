# The reference of `bench classify`'s forest: randomForest(x, factor(y), ntree = 500) at its defaults on the benchmark's
# patient-level data (little-endian doubles: x column-major, then y), one forest per seed 1..S, each timed in this
# process. Prints one line per forest: elapsed seconds, OOB error and the mean out-of-bag vote share of each case's
# true class (a smoother statistic than the error: it does not round each case's vote to a class). Usage: Rscript randomforest_timing.R data.bin n p S
suppressPackageStartupMessages(library(randomForest))
args <- commandArgs(trailingOnly = TRUE)
n <- as.integer(args[2]); p <- as.integer(args[3]); seeds <- as.integer(args[4])
con <- file(args[1], "rb")
x <- matrix(readBin(con, "double", n * p, endian = "little"), n, p)
y <- factor(readBin(con, "double", n, endian = "little"))
close(con)
for (s in seq_len(seeds)) {
  set.seed(s)
  t0 <- proc.time()[["elapsed"]]
  rf <- randomForest(x, y, ntree = 500)
  elapsed <- proc.time()[["elapsed"]] - t0
  truth <- as.integer(y) # 1 = first level (0), 2 = second (1)
  share <- mean(rf$votes[cbind(seq_len(n), truth)], na.rm = TRUE) # OOB vote share of the true class
  cat(sprintf("%.6f %.17g %.17g\n", elapsed, rf$err.rate[500, "OOB"], share))
}
