# Golden files for the Gaussian elastic net (glmnet(family = "gaussian"), covariance updates) and cv.glmnet with
# type.measure = "mse", plus ordinary least squares (lm). Run in this folder:
#   Rscript make_elastic_net_golden.R
# Needs r-cran-glmnet. Numbers are written with 17 significant digits so the C# tests read the doubles R used.
# The designs were fixed before the C# solver was run on them (none tuned on).
suppressPackageStartupMessages(library(glmnet))
set.seed(20261208)
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
w <- function(df, file) write.csv(df, file, row.names = FALSE, quote = FALSE)

# Designs: n/p, alpha, correlated features (AR(0.6)), p > n, a constant column, unequal scales, no standardisation,
# no intercept, a user lambda sequence, a short path (nlambda 20, lambda.min.ratio 0.05).
designs <- list(
  list(name = "n100_p20_a1",      n = 100, p = 20,  alpha = 1,   k = 10, signal = c(1.5, -1.0, 0.7)),
  list(name = "n90_p15_a05",      n = 90,  p = 15,  alpha = 0.5, k = 10, signal = c(0.8, 0.6, -0.4)),
  list(name = "n50_p150_a1",      n = 50,  p = 150, alpha = 1,   k = 5,  signal = c(2.0, -1.5, 1.0, 0.5)),
  list(name = "n70_p90_a02",      n = 70,  p = 90,  alpha = 0.2, k = 7,  signal = c(1.0, 1.0, -0.8)),
  list(name = "n120_p30_a1_const", n = 120, p = 30, alpha = 1,   k = 10, signal = c(0.9, -0.6, 0.4, 0.3)),
  list(name = "n80_p25_a07_nostd", n = 80, p = 25,  alpha = 0.7, k = 8,  signal = c(1.2, -0.9), standardize = FALSE),
  list(name = "n80_p12_a1_noint", n = 80,  p = 12,  alpha = 1,   k = 8,  signal = c(1.0, -0.5), intercept = FALSE),
  list(name = "n60_p10_a09_user", n = 60,  p = 10,  alpha = 0.9, k = 6,  signal = c(1.1, 0.7), user = TRUE),
  list(name = "n110_p40_a08_short", n = 110, p = 40, alpha = 0.8, k = 10, signal = c(0.5, 0.5, 0.5), nlambda = 20, lmr = 0.05)
)
data_rows <- list(); path_rows <- list(); coef_rows <- list(); cv_rows <- list(); opt_rows <- list(); lm_rows <- list()
for (d in designs) {
  n <- d$n; p <- d$p
  std <- if (is.null(d$standardize)) TRUE else d$standardize
  intr <- if (is.null(d$intercept)) TRUE else d$intercept
  z <- matrix(rnorm(n * p), n, p)
  x <- z
  for (j in 2:p) x[, j] <- 0.6 * x[, j - 1] + sqrt(1 - 0.36) * z[, j]
  x <- sweep(x, 2, exp(runif(p, -1, 1.5)), `*`) + rep(runif(p, -2, 4), each = n)
  if (grepl("const", d$name)) x[, 7] <- -1.25
  x <- matrix(as.numeric(sprintf("%.17g", x)), n, p)
  s <- scale(x[, seq_along(d$signal)])
  y <- 3 + drop(s %*% d$signal) + rnorm(n, sd = 1.2)
  y <- as.numeric(sprintf("%.17g", y))
  foldid <- sample(rep(seq_len(d$k), length.out = n))
  data_rows[[d$name]] <- data.frame(dataset = d$name, row = rep(seq_len(n), p), y = rep(fmt(y), p), foldid = rep(foldid, p),
                                     feature = rep(seq_len(p), each = n), value = fmt(as.vector(x)))
  args <- list(x = x, y = y, family = "gaussian", alpha = d$alpha, standardize = std, intercept = intr,
               type.gaussian = "covariance")
  if (!is.null(d$nlambda)) { args$nlambda <- d$nlambda; args$lambda.min.ratio <- d$lmr }
  if (isTRUE(d$user)) args$lambda <- exp(seq(log(2), log(0.005), length.out = 30))
  fit <- do.call(glmnet, args)
  b <- as.matrix(coef(fit))
  path_rows[[d$name]] <- data.frame(dataset = d$name, step = seq_along(fit$lambda), lambda = fmt(fit$lambda),
                                     df = fit$df, dev_ratio = fmt(fit$dev.ratio), intercept = fmt(b[1, ]),
                                     nulldev = fmt(fit$nulldev), alpha = d$alpha, standardize = std, fit_intercept = intr,
                                     nlambda = if (is.null(d$nlambda)) 100 else d$nlambda,
                                     lambda_min_ratio = if (is.null(d$lmr)) "NA" else d$lmr, user_lambda = isTRUE(d$user))
  nz <- which(b[-1, , drop = FALSE] != 0, arr.ind = TRUE)
  coef_rows[[d$name]] <- data.frame(dataset = d$name, step = nz[, 2], term = nz[, 1], estimate = fmt(b[-1, ][nz]))
  cv <- do.call(cv.glmnet, c(args, list(type.measure = "mse", foldid = foldid)))
  cv_rows[[d$name]] <- data.frame(dataset = d$name, step = seq_along(cv$lambda), lambda = fmt(cv$lambda),
                                   cvm = fmt(cv$cvm), cvsd = fmt(cv$cvsd))
  opt_rows[[d$name]] <- data.frame(dataset = d$name, lambda_min = fmt(cv$lambda.min), lambda_1se = fmt(cv$lambda.1se),
                                    index_min = cv$index[1], index_1se = cv$index[2])
  # Ordinary least squares on the designs with n > p (lm drops aliased columns: the constant one gives NA).
  if (n > p) {
    ols <- lm(y ~ x)
    cf <- coef(ols)
    lm_rows[[d$name]] <- data.frame(dataset = d$name, term = seq_along(cf) - 1, estimate = fmt(cf))
  }
}
w(do.call(rbind, data_rows), "enet_data.csv")
w(do.call(rbind, path_rows), "enet_path.csv")
w(do.call(rbind, coef_rows), "enet_coefficients.csv")
w(do.call(rbind, cv_rows), "enet_cv.csv")
w(do.call(rbind, opt_rows), "enet_cv_optimum.csv")
w(do.call(rbind, lm_rows), "ols_coefficients.csv")
writeLines(c(R.version.string, paste("glmnet", packageVersion("glmnet")), paste("stats", packageVersion("stats")),
             paste("RNG", paste(RNGkind(), collapse = " "))), "versions_elastic_net.txt")
