# References for `bench survive`, timed in the same run as ours.
#   Rscript cox_timing.R rotterdam DIR REPS  writes DIR/rotterdam.csv (dtime, death, age, nodes, pgr, er, hormon, chemo),
#                                            prints "seconds per coxph.fit (Efron),seconds per concordance() of its linear
#                                            predictor,C,SE", then the coefficients
#   Rscript cox_timing.R screen DIR FITS     reads DIR/screen.bin (time, status, then features, float64, column-major,
#                                            dimensions in DIR/screen.dim), prints seconds per coxph(Surv ~ x) of the first
#                                            FITS features and their coefficients and SEs
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
dir <- args[2]
if (args[1] == "rotterdam") {
  reps <- as.integer(args[3])
  d <- rotterdam
  x <- as.matrix(d[, c("age", "nodes", "pgr", "er", "hormon", "chemo")])
  storage.mode(x) <- "double"  # coxph.fit wants doubles (coxph converts them itself)
  write.csv(data.frame(time = d$dtime, status = d$death, x), file.path(dir, "rotterdam.csv"), row.names = FALSE)
  y <- Surv(d$dtime, d$death)
  t0 <- proc.time()[["elapsed"]]
  for (i in seq_len(reps)) fit <- coxph.fit(x, y, strata = NULL, offset = NULL, init = NULL, control = coxph.control(),
                                            weights = NULL, method = "efron", rownames = NULL)
  fit_seconds <- (proc.time()[["elapsed"]] - t0) / reps
  # Harrell's C of the linear predictor as coxph reports it (concordancefit: counts and the infinitesimal-jackknife SE)
  lp <- fit$linear.predictors
  creps <- max(1L, reps %/% 4L)
  t0 <- proc.time()[["elapsed"]]
  for (i in seq_len(creps)) cf <- concordance(y ~ lp, reverse = TRUE)
  cat(sprintf("%.9f,%.9f,%.17g,%.17g\n", fit_seconds, (proc.time()[["elapsed"]] - t0) / creps, cf$concordance, sqrt(cf$var)))
  cat(sprintf("%.17g", fit$coefficients), sep = "\n")
} else {
  fits <- as.integer(args[3])
  dims <- scan(file.path(dir, "screen.dim"), quiet = TRUE)
  n <- dims[1]; p <- dims[2]
  con <- file(file.path(dir, "screen.bin"), "rb")
  time <- readBin(con, "double", n); status <- readBin(con, "double", n)
  x <- matrix(readBin(con, "double", n * fits), n, fits)
  close(con)
  t0 <- proc.time()[["elapsed"]]
  res <- matrix(0, fits, 2)
  for (j in seq_len(fits)) {
    fit <- coxph(Surv(time, status) ~ x[, j])
    res[j, ] <- c(coef(fit), sqrt(vcov(fit)[1, 1]))
  }
  cat(sprintf("%.9f\n", (proc.time()[["elapsed"]] - t0) / fits))
  cat(sprintf("%.17g,%.17g", res[, 1], res[, 2]), sep = "\n")
}
