# The reference of `bench classify`: cv.glmnet(family = "binomial", type.measure = "auc", foldid) on the benchmark's
# data (little-endian doubles: x column-major, then y, then foldid), timed in this process; writes the λ.min
# coefficients (intercept first) for the comparison. Usage: Rscript glmnet_timing.R data.bin n p out.csv
suppressPackageStartupMessages(library(glmnet))
args <- commandArgs(trailingOnly = TRUE)
n <- as.integer(args[2]); p <- as.integer(args[3])
con <- file(args[1], "rb")
x <- matrix(readBin(con, "double", n * p, endian = "little"), n, p)
y <- readBin(con, "double", n, endian = "little")
foldid <- as.integer(readBin(con, "double", n, endian = "little"))
close(con)
t0 <- proc.time()[["elapsed"]]
cv <- cv.glmnet(x, y, family = "binomial", type.measure = "auc", foldid = foldid)
elapsed <- proc.time()[["elapsed"]] - t0
b <- as.numeric(coef(cv, s = "lambda.min"))
write.csv(data.frame(estimate = sprintf("%.17g", b)), args[4], row.names = FALSE, quote = FALSE)
cat(sprintf("%.6f %d %.17g\n", elapsed, length(cv$lambda), cv$lambda.min))
