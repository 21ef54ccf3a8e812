# Golden files for the survival tests (Cox, Kaplan-Meier, log-rank, concordance).
# Rscript make_survival_golden.R   (run in this folder; needs r-cran-survival)
# Data: R's rotterdam and gbsg breast-cancer sets, and seeded simulations the C# code was not tuned on.
suppressPackageStartupMessages(library(survival))
fmt <- function(x) ifelse(is.na(x), "NA", ifelse(is.infinite(x), ifelse(x > 0, "Inf", "-Inf"), sprintf("%.17g", x)))
out <- function(df, file) {
  for (j in seq_along(df)) if (is.numeric(df[[j]])) df[[j]] <- fmt(df[[j]])
  write.csv(df, file, row.names = FALSE, quote = FALSE)
}

# ---- datasets: time, status, group (for KM / log-rank), stratum, covariates x1..x6 ----
rot <- rotterdam
rot_d <- data.frame(dataset = "rotterdam", time = rot$dtime, status = rot$death, group = rot$hormon + 2 * rot$chemo,
                    stratum = rot$meno, x1 = rot$age, x2 = rot$nodes, x3 = rot$pgr / 100, x4 = rot$er / 100,
                    x5 = rot$hormon, x6 = as.numeric(rot$size))
gb <- gbsg
gb_d <- data.frame(dataset = "gbsg", time = gb$rfstime, status = gb$status, group = gb$grade,
                   stratum = gb$meno, x1 = gb$age, x2 = gb$size, x3 = gb$nodes, x4 = gb$pgr / 100,
                   x5 = gb$er / 100, x6 = gb$hormon)
simulate <- function(name, n, seed, tied) {
  set.seed(seed)
  x <- matrix(rnorm(n * 6), n, 6)
  x[, 5] <- rbinom(n, 1, 0.4)
  x[, 6] <- round(runif(n, 0, 4))
  eta <- 0.7 * x[, 1] - 0.4 * x[, 2] + 0.5 * x[, 5]
  stratum <- rbinom(n, 1, 0.5)
  t <- rexp(n, exp(eta) * ifelse(stratum == 1, 0.05, 0.1))
  c <- runif(n, 0, 30)
  time <- pmin(t, c)
  if (tied) time <- ceiling(time)  # many tied event and censoring times
  data.frame(dataset = name, time = time, status = as.integer(t <= c), group = sample(0:2, n, TRUE),
             stratum = stratum, x1 = x[, 1], x2 = x[, 2], x3 = x[, 3], x4 = x[, 4], x5 = x[, 5], x6 = x[, 6])
}
sims <- list(simulate("sim_ties", 400, 11, TRUE), simulate("sim_continuous", 250, 23, FALSE),
             simulate("sim_small", 40, 5, TRUE))
data <- rbind(rot_d, gb_d, do.call(rbind, sims))
out(data, "surv_data.csv")

# ---- coxph: Efron and Breslow, with and without strata ----
models <- list(
  list(id = "all6", terms = c("x1", "x2", "x3", "x4", "x5", "x6")),
  list(id = "x1", terms = "x1"),
  list(id = "x2x5", terms = c("x2", "x5")))
coefs <- list(); tests <- list()
for (d in split(data, data$dataset)) for (m in models) for (ties in c("efron", "breslow")) for (strat in c(FALSE, TRUE)) {
  f <- paste("Surv(time, status) ~", paste(m$terms, collapse = " + "), if (strat) "+ strata(stratum)" else "")
  fit <- coxph(as.formula(f), data = d, ties = ties)
  s <- summary(fit)
  key <- data.frame(dataset = d$dataset[1], model = m$id, ties = ties, strata = as.integer(strat))
  coefs[[length(coefs) + 1]] <- cbind(key, term = m$terms, coef = coef(fit), se = sqrt(diag(vcov(fit))),
    z = s$coefficients[, "z"], p = s$coefficients[, "Pr(>|z|)"], hr = exp(coef(fit)),
    hr_lower95 = s$conf.int[, "lower .95"], hr_upper95 = s$conf.int[, "upper .95"])
  tests[[length(tests) + 1]] <- cbind(key, n = fit$n, nevent = fit$nevent, loglik_null = fit$loglik[1], loglik = fit$loglik[2],
    wald = unname(fit$wald.test), lr = unname(s$logtest["test"]), score = unname(fit$score),
    df = unname(s$logtest["df"]), iter = fit$iter, concordance = unname(fit$concordance["concordance"]),
    concordance_se = unname(fit$concordance["std"]))
}
out(do.call(rbind, coefs), "cox_coefficients.csv")
out(do.call(rbind, tests), "cox_tests.csv")

# ---- concordance of a given score (Harrell's C as coxph reports it; reverse = TRUE: higher score, shorter time) ----
conc <- list()
for (d in split(data, data$dataset)) for (score in c("x1", "x2", "x6")) {
  cf <- concordance(Surv(time, status) ~ d[[score]], data = d, reverse = TRUE)
  conc[[length(conc) + 1]] <- data.frame(dataset = d$dataset[1], score = score, concordance = cf$concordance,
    se = sqrt(cf$var), concordant = cf$count["concordant"], discordant = cf$count["discordant"],
    tied_x = cf$count["tied.x"], tied_y = cf$count["tied.y"], tied_xy = cf$count["tied.xy"])
}
out(do.call(rbind, conc), "concordance.csv")

# ---- survfit: Kaplan-Meier by group, log CI; medians; summary at chosen times ----
km <- list(); med <- list(); at <- list()
for (d in split(data, data$dataset)) {
  fit <- survfit(Surv(time, status) ~ group, data = d)
  st <- rep(sub("group=", "", names(fit$strata)), fit$strata)
  km[[length(km) + 1]] <- data.frame(dataset = d$dataset[1], strata = st, time = fit$time, n_risk = fit$n.risk,
    n_event = fit$n.event, n_censor = fit$n.censor, surv = fit$surv, std_err = fit$std.err,
    lower95 = fit$lower, upper95 = fit$upper)
  q <- quantile(fit, probs = c(0.25, 0.5, 0.75))
  for (pi in 1:3) med[[length(med) + 1]] <- data.frame(dataset = d$dataset[1], strata = sub("group=", "", names(fit$strata)),
    prob = c(0.25, 0.5, 0.75)[pi], quantile = q$quantile[, pi], lower = q$lower[, pi], upper = q$upper[, pi])
  times <- unname(quantile(d$time, c(0.1, 0.33, 0.5, 0.8)))
  sm <- summary(fit, times = times, extend = TRUE)
  at[[length(at) + 1]] <- data.frame(dataset = d$dataset[1], strata = sub("group=", "", as.character(sm$strata)),
    time = sm$time, n_risk = sm$n.risk, n_event = sm$n.event, surv = sm$surv, std_err = sm$std.err)  # summary's std.err is of S(t), not of -log S
}
out(do.call(rbind, km), "km.csv")
out(do.call(rbind, med), "km_quantiles.csv")
out(do.call(rbind, at), "km_at_times.csv")

# ---- survdiff: log-rank (rho 0) and Peto-Peto / Harrington-Fleming (rho 1), with and without strata ----
lr <- list(); oe <- list()
for (d in split(data, data$dataset)) for (rho in c(0, 1)) for (strat in c(FALSE, TRUE)) {
  f <- if (strat) Surv(time, status) ~ group + strata(stratum) else Surv(time, status) ~ group
  sd <- survdiff(f, data = d, rho = rho)
  e <- if (is.matrix(sd$exp)) rowSums(sd$exp) else sd$exp
  df <- sum(e > 0) - 1
  key <- data.frame(dataset = d$dataset[1], rho = rho, strata = as.integer(strat))
  lr[[length(lr) + 1]] <- cbind(key, chisq = sd$chisq, df = df, p = pchisq(sd$chisq, df, lower.tail = FALSE))
  oe[[length(oe) + 1]] <- cbind(key, group = sub("group=", "", names(sd$n)), n = as.vector(sd$n),
    observed = if (is.matrix(sd$obs)) rowSums(sd$obs) else sd$obs, expected = if (is.matrix(sd$exp)) rowSums(sd$exp) else sd$exp)
}
out(do.call(rbind, lr), "logrank.csv")
out(do.call(rbind, oe), "logrank_groups.csv")

writeLines(c(R.version.string, paste("survival", packageVersion("survival"))), "versions_survival.txt")

# ---- maxstat: optimal cut-points (smethod = "LogRank", pmethod = "Lau94") and survminer::surv_cutpoint ----
suppressPackageStartupMessages({ library(maxstat); library(survminer) })
cuts <- list()
for (d in split(data, data$dataset)) for (marker in c("x1", "x2", "x3", "x6")) for (minprop in c(0.1, 0.25)) {
  mt <- maxstat.test(Surv(time, status) ~ m, data = data.frame(time = d$time, status = d$status, m = d[[marker]]),
                     smethod = "LogRank", pmethod = "Lau94", minprop = minprop, maxprop = 1 - minprop)
  sc <- surv_cutpoint(data.frame(time = d$time, status = d$status, m = d[[marker]]), "time", "status", "m", minprop = minprop)
  cuts[[length(cuts) + 1]] <- data.frame(dataset = d$dataset[1], marker = marker, minprop = minprop,
    cutpoint = unname(mt$estimate), statistic = unname(mt$statistic), p = mt$p.value, n_cuts = length(mt$cuts),
    surv_cutpoint = sc$cutpoint$cutpoint, surv_cutpoint_statistic = sc$cutpoint$statistic)
}
out(do.call(rbind, cuts), "maxstat.csv")
writeLines(c(R.version.string, paste("survival", packageVersion("survival")), paste("maxstat", packageVersion("maxstat")),
             paste("survminer", packageVersion("survminer"))), "versions_survival.txt")

# ---- time-dependent evaluation: cumulative/dynamic AUC and Brier (riskRegression::Score, cens.model = "km"),
# integrated Brier (pec, exact grid), Harrell's and Uno's C (survival::concordance, timewt "n" and "n/G2") ----
suppressPackageStartupMessages({ library(riskRegression); library(pec); library(prodlim) })
td <- list(); ibs_rows <- list(); cidx <- list(); lps <- list()
for (d in split(data, data$dataset)) {
  if (d$dataset[1] == "sim_small") next
  times <- unname(round(quantile(d$time[d$status == 1], c(0.25, 0.5, 0.75)), 1))
  fit <- coxph(Surv(time, status) ~ x1 + x2 + x3, data = d, x = TRUE, ties = "breslow")
  lp <- unname(predict(fit, type = "lp"))
  lps[[length(lps) + 1]] <- data.frame(dataset = d$dataset[1], row = seq_len(nrow(d)), lp = lp)
  sc <- Score(list(cox = fit), formula = Surv(time, status) ~ 1, data = d, times = times, metrics = c("auc", "brier"),
              cens.model = "km", null.model = FALSE, conf.int = FALSE)
  mk <- Score(list(x6 = matrix(rep(d$x6, length(times)), ncol = length(times))), formula = Surv(time, status) ~ 1, data = d,
              times = times, metrics = "auc", cens.model = "km", null.model = FALSE, conf.int = FALSE)
  td[[length(td) + 1]] <- data.frame(dataset = d$dataset[1], model = "cox", time = times, auc = sc$AUC$score$AUC, brier = sc$Brier$score$Brier)
  td[[length(td) + 1]] <- data.frame(dataset = d$dataset[1], model = "x6", time = times, auc = mk$AUC$score$AUC, brier = NA)
  tau <- times[3]
  pe <- pec(list(cox = fit), formula = Surv(time, status) ~ 1, data = d, exact = TRUE, maxtime = tau, cens.model = "marginal",
            reference = FALSE, verbose = FALSE)
  ibs_rows[[length(ibs_rows) + 1]] <- data.frame(dataset = d$dataset[1], model = "cox", tau = tau,
    ibs = as.numeric(crps(pe, times = tau))[1], grid_points = length(pe$time), grid_last = max(pe$time))
  for (ymax in c(Inf, tau)) for (m in c("cox", "x6")) {
    score <- if (m == "cox") lp else d$x6
    y <- if (is.finite(ymax)) ymax else NULL
    h <- concordance(Surv(d$time, d$status) ~ score, reverse = TRUE, ymax = y)
    u <- concordance(Surv(d$time, d$status) ~ score, reverse = TRUE, timewt = "n/G2", ymax = y)
    cidx[[length(cidx) + 1]] <- data.frame(dataset = d$dataset[1], model = m, tau = ymax, harrell = h$concordance,
      harrell_se = sqrt(h$var), uno = u$concordance)
  }
}
out(do.call(rbind, td), "td_auc_brier.csv")
out(do.call(rbind, ibs_rows), "td_ibs.csv")
out(do.call(rbind, cidx), "td_concordance.csv")
out(do.call(rbind, lps), "td_lp.csv")
writeLines(c(R.version.string, paste("survival", packageVersion("survival")), paste("maxstat", packageVersion("maxstat")),
             paste("survminer", packageVersion("survminer")), paste("riskRegression", packageVersion("riskRegression")),
             paste("pec", packageVersion("pec")), paste("prodlim", packageVersion("prodlim"))), "versions_survival.txt")
