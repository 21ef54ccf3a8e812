# Golden files for the classification routines (glmnet binomial path and cv.glmnet AUC, pROC DeLong,
# Youden cut-off, Hosmer-Lemeshow, decision-curve net benefit). Run in this folder:
#   Rscript make_classify_golden.R
# Needs r-cran-glmnet and r-cran-proc. Every number is written with 17 significant digits so the C# tests
# read exactly the doubles R used.
suppressPackageStartupMessages({ library(glmnet); library(pROC) })
set.seed(20261207)
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
w <- function(df, file) write.csv(df, file, row.names = FALSE, quote = FALSE)

# ---- glmnet(family = "binomial") and cv.glmnet(type.measure = "auc", foldid) ----
# Designs: n/p, alpha, correlated features (AR(0.5)), a p > n case, a constant column, unequal feature scales.
designs <- list(
  list(name = "n100_p20_a1",   n = 100, p = 20,  alpha = 1,   k = 5, signal = c(1.2, -0.8, 0.6)),
  list(name = "n150_p10_a05",  n = 150, p = 10,  alpha = 0.5, k = 5, signal = c(0.9, 0.5)),
  list(name = "n60_p200_a1",   n = 60,  p = 200, alpha = 1,   k = 5, signal = c(2.5, -2.0, 1.5)),
  list(name = "n80_p120_a05",  n = 80,  p = 120, alpha = 0.5, k = 4, signal = c(1.0, 1.0, -0.7)),
  list(name = "n120_p40_a1_const", n = 120, p = 40, alpha = 1, k = 6, signal = c(0.7, -0.5, 0.4, 0.3))
)
data_rows <- list(); path_rows <- list(); coef_rows <- list(); cv_rows <- list(); opt_rows <- list()
for (d in designs) {
  n <- d$n; p <- d$p
  z <- matrix(rnorm(n * p), n, p)
  x <- z
  for (j in 2:p) x[, j] <- 0.5 * x[, j - 1] + sqrt(0.75) * z[, j]   # AR(0.5) correlation
  x <- sweep(x, 2, exp(runif(p, -1, 2)), `*`) + rep(runif(p, -3, 3), each = n)  # scales and offsets
  if (grepl("const", d$name)) x[, p] <- 2.5                          # a constant feature (glmnet skips it)
  x <- matrix(as.numeric(sprintf("%.17g", x)), n, p)
  s <- scale(x[, seq_along(d$signal)])
  eta <- -0.3 + drop(s %*% d$signal)
  y <- rbinom(n, 1, plogis(eta))
  # stratified fold ids (by label), as classify.lasso assigns them
  foldid <- integer(n)
  for (cl in 0:1) { idx <- which(y == cl); foldid[idx] <- sample(rep(seq_len(d$k), length.out = length(idx))) }
  data_rows[[d$name]] <- data.frame(dataset = d$name, row = seq_len(n), y = y, foldid = foldid,
                                     matrix(fmt(x), n, p, dimnames = list(NULL, paste0("x", seq_len(p)))))
  fit <- glmnet(x, y, family = "binomial", alpha = d$alpha)
  b <- as.matrix(coef(fit))
  path_rows[[d$name]] <- data.frame(dataset = d$name, step = seq_along(fit$lambda), lambda = fmt(fit$lambda),
                                     df = fit$df, dev_ratio = fmt(fit$dev.ratio), intercept = fmt(b[1, ]),
                                     nulldev = fmt(fit$nulldev), alpha = d$alpha)
  nz <- which(b[-1, , drop = FALSE] != 0, arr.ind = TRUE)
  coef_rows[[d$name]] <- data.frame(dataset = d$name, step = nz[, 2], term = nz[, 1], estimate = fmt(b[-1, ][nz]))
  cv <- cv.glmnet(x, y, family = "binomial", alpha = d$alpha, type.measure = "auc", foldid = foldid)
  cv_rows[[d$name]] <- data.frame(dataset = d$name, step = seq_along(cv$lambda), lambda = fmt(cv$lambda),
                                   cvm = fmt(cv$cvm), cvsd = fmt(cv$cvsd))
  opt_rows[[d$name]] <- data.frame(dataset = d$name, lambda_min = fmt(cv$lambda.min), lambda_1se = fmt(cv$lambda.1se),
                                    index_min = cv$index[1], index_1se = cv$index[2])
}
# The data sets have different widths: one long file (dataset, row, y, foldid, feature, value).
long <- do.call(rbind, lapply(data_rows, function(df) {
  p <- ncol(df) - 4
  data.frame(dataset = rep(df$dataset, p), row = rep(df$row, p), y = rep(df$y, p), foldid = rep(df$foldid, p),
             feature = rep(seq_len(p), each = nrow(df)), value = unlist(df[, -(1:4)], use.names = FALSE))
}))
w(long, "lasso_data.csv")
w(do.call(rbind, path_rows), "lasso_path.csv")
w(do.call(rbind, coef_rows), "lasso_coefficients.csv")
w(do.call(rbind, cv_rows), "lasso_cv.csv")
w(do.call(rbind, opt_rows), "lasso_cv_optimum.csv")

# ---- pROC: AUC, DeLong CI, paired DeLong test, Youden cut-off; Hosmer-Lemeshow; net benefit ----
roc_data <- list(); roc_rows <- list(); test_rows <- list(); hl_rows <- list(); nb_rows <- list()
# hoslem.test (ResourceSelection 0.3-5) written from its definition: g groups by quantile breaks of the fitted
# values (type 7), cut(include.lowest = TRUE), chi-square over both outcome columns, df = g - 2.
hoslem <- function(y, yhat, g = 10) {
  cuts <- cut(yhat, breaks = quantile(yhat, probs = seq(0, 1, 1 / g)), include.lowest = TRUE)
  obs <- xtabs(cbind(1 - y, y) ~ cuts)
  expect <- xtabs(cbind(1 - yhat, yhat) ~ cuts)
  chisq <- sum((obs - expect)^2 / expect)
  c(statistic = chisq, df = g - 2, p = 1 - pchisq(chisq, g - 2))
}
# Net benefit (Vickers & Elkin 2006) at threshold pt: TP/n - FP/n * pt / (1 - pt), positive when score >= pt.
net_benefit <- function(y, p, pt) { n <- length(y); tp <- sum(p >= pt & y == 1); fp <- sum(p >= pt & y == 0); tp / n - fp / n * pt / (1 - pt) }
cases <- list(
  list(name = "n80_noties", n = 80, digits = NA, shift = 1.0),
  list(name = "n50_ties", n = 50, digits = 1, shift = 0.8),
  list(name = "n200_weak", n = 200, digits = NA, shift = 0.2),
  list(name = "n120_heavyties", n = 120, digits = 0, shift = 1.2)
)
for (cs in cases) {
  y <- rbinom(cs$n, 1, 0.4); if (sum(y) < 3) y[1:3] <- 1
  a <- rnorm(cs$n) + cs$shift * y
  b <- 0.6 * a + rnorm(cs$n, sd = 0.8) + 0.3 * cs$shift * y
  if (!is.na(cs$digits)) { a <- round(a, cs$digits); b <- round(b, cs$digits) }
  pa <- plogis(a - 0.5)    # probabilities for HL and the decision curve
  pa <- as.numeric(sprintf("%.17g", pa))
  roc_data[[cs$name]] <- data.frame(case = cs$name, y = y, a = fmt(a), b = fmt(b), pa = fmt(pa))
  ra <- roc(y, a, levels = c(0, 1), direction = "<", quiet = TRUE)
  rb <- roc(y, b, levels = c(0, 1), direction = "<", quiet = TRUE)
  for (m in list(list("a", ra), list("b", rb))) {
    r <- m[[2]]; ci <- ci.auc(r, method = "delong")
    v <- var(r, method = "delong")
    yb <- if (is.na(cs$digits)) coords(r, x = "best", best.method = "youden", ret = c("threshold", "sensitivity", "specificity")) else NULL
    roc_rows[[paste(cs$name, m[[1]])]] <- data.frame(case = cs$name, model = m[[1]], auc = fmt(as.numeric(auc(r))),
      var = fmt(v), ci_lower = fmt(ci[1]), ci_upper = fmt(ci[3]),
      youden_threshold = if (is.null(yb)) "NA" else fmt(yb$threshold[1]),
      youden_sensitivity = if (is.null(yb)) "NA" else fmt(yb$sensitivity[1]),
      youden_specificity = if (is.null(yb)) "NA" else fmt(yb$specificity[1]))
  }
  t <- roc.test(ra, rb, method = "delong", paired = TRUE)
  test_rows[[cs$name]] <- data.frame(case = cs$name, z = fmt(unname(t$statistic)), p = fmt(t$p.value))
  h <- tryCatch(hoslem(y, pa), error = function(e) c(statistic = NA, df = NA, p = NA))
  hl_rows[[cs$name]] <- data.frame(case = cs$name, statistic = fmt(h[["statistic"]]), df = h[["df"]], p = fmt(h[["p"]]))
  for (pt in c(0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6)) {
    nb_rows[[paste(cs$name, pt)]] <- data.frame(case = cs$name, threshold = pt, net_benefit = fmt(net_benefit(y, pa, pt)),
      treat_all = fmt(net_benefit(y, rep(1, length(y)), pt)))
  }
}
w(do.call(rbind, roc_data), "roc_data.csv")
w(do.call(rbind, roc_rows), "roc_expected.csv")
w(do.call(rbind, test_rows), "roc_test_expected.csv")
w(do.call(rbind, hl_rows), "hoslem_expected.csv")
w(do.call(rbind, nb_rows), "net_benefit_expected.csv")
writeLines(c(R.version.string, paste("glmnet", packageVersion("glmnet")), paste("pROC", packageVersion("pROC")),
             paste("RNG", paste(RNGkind(), collapse = " "))), "versions_classify.txt")
