# Per-fit time of the reference: nlme::lme(y ~ x, random = ~1 | patient, method = "REML"), the model
# associate.lme reproduces. Usage: Rscript nlme_timing.R data.csv fits  → prints seconds per fit.
suppressPackageStartupMessages(library(nlme))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
fits <- as.integer(args[2])
covariates <- grep("^x", names(d), value = TRUE)
t0 <- proc.time()[["elapsed"]]
for (i in seq_len(fits)) {
  d$x <- d[[covariates[(i - 1) %% length(covariates) + 1]]]
  m <- lme(y ~ x, random = ~ 1 | patient, data = d, method = "REML")
  invisible(summary(m)$tTable)
}
cat(sprintf("%.9f\n", (proc.time()[["elapsed"]] - t0) / fits))
