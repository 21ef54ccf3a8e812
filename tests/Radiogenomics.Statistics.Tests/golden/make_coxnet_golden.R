# Golden files for the penalised Cox tests (CoxLasso, CoxLassoCrossValidation): glmnet(family = "cox") paths and
# cv.glmnet(family = "cox", foldid = ...) with type.measure "deviance" and "C".
# Rscript make_coxnet_golden.R   (run in this folder; needs r-cran-glmnet r-cran-survival)
# Data: subsets of R's rotterdam and gbsg (integer day times, many ties) and seeded high-dimensional simulations.
# glmnet's defaults throughout (thresh 1e-7, its own lambda sequence and early path stop), so the C# code has to run the
# same algorithm, not merely reach the optimum (r-parity-pitfalls.md item 1).
suppressPackageStartupMessages({ library(survival); library(glmnet) })
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
out <- function(df, file) {
  for (j in seq_along(df)) if (is.numeric(df[[j]])) df[[j]] <- fmt(df[[j]])
  write.csv(df, file, row.names = FALSE, quote = FALSE)
}

sets <- list()
set.seed(20261207)
rot <- rotterdam[sample(nrow(rotterdam), 700), ]
sets$rotterdam <- list(time = rot$rtime, status = rot$recur,
  x = cbind(age = rot$age, meno = rot$meno, size20_50 = as.numeric(rot$size == "20-50"), size50 = as.numeric(rot$size == ">50"),
            grade = rot$grade, nodes = rot$nodes, pgr = rot$pgr / 100, er = rot$er / 100, hormon = rot$hormon, chemo = rot$chemo,
            year = rot$year - 1990))
gb <- gbsg
sets$gbsg <- list(time = gb$rfstime, status = gb$status,
  x = cbind(age = gb$age, meno = gb$meno, size = gb$size, grade = gb$grade, nodes = gb$nodes, pgr = gb$pgr / 100,
            er = gb$er / 100, hormon = gb$hormon))
simulate <- function(n, p, seed, tied, rho) {
  set.seed(seed)
  z <- matrix(rnorm(n * p), n, p)
  x <- z
  for (j in 2:p) x[, j] <- rho * x[, j - 1] + sqrt(1 - rho^2) * z[, j]  # AR(1) correlated features
  beta <- c(0.8, -0.6, 0.5, rep(0, p - 3))[sample(p)]
  t <- rexp(n, 0.1 * exp(drop(x %*% beta)))
  c <- runif(n, 0, 25)
  time <- pmin(t, c)
  if (tied) time <- ceiling(time)
  x <- round(x, 4)  # the CSV then holds the exact values R fits
  colnames(x) <- paste0("f", seq_len(p))
  list(time = time, status = as.integer(t <= c), x = x)
}
sets$sim_wide <- simulate(150, 400, 71, TRUE, 0.5)
sets$sim_cont <- simulate(220, 60, 72, FALSE, 0.3)

path_rows <- list(); step_rows <- list(); cv_rows <- list(); opt_rows <- list()
for (name in names(sets)) {
  s <- sets[[name]]
  n <- length(s$time)
  foldid <- sample(rep(1:5, length.out = n))
  d <- data.frame(time = s$time, status = s$status, foldid = foldid, s$x)
  for (j in seq_along(d)) {  # 15 digits where they hold the values exactly (short files), else 17
    short <- sprintf("%.15g", d[[j]])
    d[[j]] <- if (all(as.numeric(short) == d[[j]])) short else sprintf("%.17g", d[[j]])
  }
  write.csv(d, paste0("coxnet_data_", name, ".csv"), row.names = FALSE, quote = FALSE)
  for (alpha in c(1, 0.5)) {
    y <- Surv(s$time, s$status)
    fit <- glmnet(s$x, y, family = "cox", alpha = alpha)
    b <- as.matrix(fit$beta)
    nz <- which(b != 0, arr.ind = TRUE)
    path_rows[[length(path_rows) + 1]] <- data.frame(dataset = name, alpha = alpha, step = nz[, 2],
      term = rownames(b)[nz[, 1]], estimate = b[nz])
    step_rows[[length(step_rows) + 1]] <- data.frame(dataset = name, alpha = alpha, step = seq_along(fit$lambda),
      lambda = fit$lambda, df = fit$df, dev_ratio = fit$dev.ratio, nulldev = fit$nulldev)
    for (measure in c("deviance", "C")) {
      cv <- cv.glmnet(s$x, y, family = "cox", alpha = alpha, foldid = foldid, type.measure = measure)
      cv_rows[[length(cv_rows) + 1]] <- data.frame(dataset = name, alpha = alpha, measure = measure, step = seq_along(cv$lambda),
        lambda = cv$lambda, cvm = cv$cvm, cvsd = cv$cvsd)
      opt_rows[[length(opt_rows) + 1]] <- data.frame(dataset = name, alpha = alpha, measure = measure,
        lambda_min = cv$lambda.min, lambda_1se = cv$lambda.1se, index_min = cv$index[1], index_1se = cv$index[2])
    }
  }
}
out(do.call(rbind, path_rows), "coxnet_path.csv")
out(do.call(rbind, step_rows), "coxnet_steps.csv")
out(do.call(rbind, cv_rows), "coxnet_cv.csv")
out(do.call(rbind, opt_rows), "coxnet_cv_optimum.csv")
writeLines(c(R.version.string, paste("glmnet", packageVersion("glmnet")), paste("survival", packageVersion("survival")),
             paste("RNG", paste(RNGkind(), collapse = " "))), "versions_coxnet.txt")
