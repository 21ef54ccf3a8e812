# Golden files for the nomogram routines: rms::lrm (unpenalised logistic MLE and its statistics), rms::nomogram's points
# scale (with fun = plogis), Hmisc::improveProb (continuous and categorical NRI, IDI) and wilcox.test (Mann-Whitney U,
# exact and normal). Run in this folder:
#   Rscript make_nomogram_golden.R
# Needs r-cran-rms (which brings r-cran-hmisc). Numbers are written with 17 significant digits.
suppressPackageStartupMessages({ library(rms) })
set.seed(20261208)
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
w <- function(df, file) write.csv(df, file, row.names = FALSE, quote = FALSE)
r17 <- function(x) as.numeric(sprintf("%.17g", x))

# ---- lrm and nomogram ----
# Designs: continuous predictors with many values, a categorical predictor (dummy coded, first level the reference),
# a 0/1 predictor (few values: datadist keeps them as the axis), two probability-scale signatures, a small sample.
make <- function(name) {
  if (name == "mixed") {
    n <- 160; x1 <- rnorm(n); x2 <- rnorm(n, 40, 12); grp <- sample(c("low", "mid", "high"), n, TRUE)
    y <- rbinom(n, 1, plogis(-1 + 1.1 * x1 + 0.03 * (x2 - 40) + 0.9 * (grp == "high") - 0.4 * (grp == "mid")))
    data.frame(y = y, x1 = r17(x1), x2 = r17(x2), grp = grp)
  } else if (name == "signatures") {
    n <- 220; t <- rnorm(n); stage <- rbinom(n, 1, 0.4); age <- round(rnorm(n, 55, 10))
    rad <- plogis(0.8 * t + rnorm(n, 0, 1)); deep <- plogis(0.6 * t + rnorm(n, 0, 1.2))
    y <- rbinom(n, 1, plogis(-0.7 + 1.3 * t + 0.8 * stage))
    data.frame(y = y, rad_score = r17(rad), deep_score = r17(deep), age = age, stage = stage)
  } else {
    n <- 45; a <- runif(n, 0, 10); b <- sample(c("no", "yes"), n, TRUE)
    y <- rbinom(n, 1, plogis(-2 + 0.35 * a + 0.7 * (b == "yes")))
    data.frame(y = y, a = r17(a), b = b)
  }
}
data_rows <- list(); coef_rows <- list(); stat_rows <- list(); point_rows <- list(); axis_rows <- list()
for (name in c("mixed", "signatures", "small")) {
  d <- make(name)
  for (v in names(d)) if (is.character(d[[v]])) d[[v]] <- factor(d[[v]], levels = sort(unique(d[[v]])))
  dd <- datadist(d); options(datadist = dd)
  f <- lrm(as.formula(paste("y ~", paste(setdiff(names(d), "y"), collapse = " + "))), data = d)
  # the default convergence (eps = 0.025 on -2 log L) is within 1e-12 of the optimum on these data
  f2 <- update(f, eps = 1e-14, maxit = 100)
  cat(name, "default vs eps 1e-14:", max(abs(coef(f) - coef(f2))), "\n")
  se <- sqrt(diag(vcov(f))); b <- coef(f); z <- b / se; q <- qnorm(0.975)
  long <- d; for (v in names(d)) long[[v]] <- if (is.factor(d[[v]])) as.character(d[[v]]) else fmt(d[[v]])
  data_rows[[name]] <- cbind(dataset = name, row = seq_len(nrow(d)), long)
  coef_rows[[name]] <- data.frame(dataset = name, term = names(b), estimate = fmt(b), se = fmt(se), z = fmt(z),
                                  p = fmt(2 * pnorm(-abs(z))), odds_ratio = fmt(exp(b)),
                                  or_lower = fmt(exp(b - q * se)), or_upper = fmt(exp(b + q * se)))
  s <- f$stats
  stat_rows[[name]] <- data.frame(dataset = name, stat = c("n", "model_lr", "df", "p", "c", "dxy", "r2", "brier",
                                                          "null_deviance", "deviance"),
                                  value = fmt(c(s["Obs"], s["Model L.R."], s["d.f."], s["P"], s["C"], s["Dxy"], s["R2"],
                                                s["Brier"], f$deviance[1], f$deviance[2])))
  nom <- nomogram(f, fun = plogis, funlabel = "probability")
  for (v in setdiff(names(d), "y")) {
    a <- nom[[v]]
    point_rows[[paste(name, v)]] <- data.frame(dataset = name, predictor = v,
      value = if (is.character(a[[1]])) a[[1]] else fmt(a[[1]]), points = fmt(a$points))
  }
  info <- attr(nom, "info")
  axis_rows[[name]] <- rbind(
    data.frame(dataset = name, axis = "total_points", value = fmt(nom$total.points$x), points = fmt(nom$total.points$x)),
    data.frame(dataset = name, axis = "linear_predictor", value = fmt(nom$lp$x.real), points = fmt(nom$lp$x)),
    data.frame(dataset = name, axis = "probability", value = fmt(nom$probability$x.real), points = fmt(nom$probability$x)),
    data.frame(dataset = name, axis = "scale", value = fmt(c(info$sc, info$Intercept)), points = c("points_per_unit", "intercept")))
}
# the data sets have different columns: write each one's own file
for (name in names(data_rows)) w(data_rows[[name]], paste0("lrm_data_", name, ".csv"))
w(do.call(rbind, coef_rows), "lrm_expected.csv")
w(do.call(rbind, stat_rows), "lrm_stats.csv")
w(do.call(rbind, point_rows), "nomogram_points.csv")
w(do.call(rbind, axis_rows), "nomogram_axes.csv")

# ---- improveProb: continuous NRI and IDI, and categorical NRI at risk cut-offs 0.2 and 0.5 ----
n <- 150; t <- rnorm(n); y <- rbinom(n, 1, plogis(-0.5 + t))
p1 <- r17(plogis(-0.5 + 0.6 * t + rnorm(n, 0, 1))); p2 <- r17(plogis(-0.5 + 1.0 * t + rnorm(n, 0, 0.7)))
p2[1:5] <- p1[1:5]                      # ties: no change for some patients
w(data.frame(row = seq_len(n), y = y, p1 = fmt(p1), p2 = fmt(p2)), "nri_data.csv")
cuts <- c(0.2, 0.5)
category <- function(p) (findInterval(p, cuts, left.open = TRUE)) / length(cuts)   # risk group on [0, 1]
nri_rows <- list()
for (kind in c("continuous", "categorical")) {
  r <- if (kind == "continuous") improveProb(p1, p2, y) else improveProb(category(p1), category(p2), y)
  q <- qnorm(0.975)
  est <- c(r$nri, r$nri.ev, r$nri.ne, r$idi); se <- c(r$se.nri, r$se.nri.ev, r$se.nri.ne, r$se.idi)
  nri_rows[[kind]] <- data.frame(kind = kind, index = c("nri", "nri_events", "nri_nonevents", "idi"), estimate = fmt(est),
                                 se = fmt(se), z = fmt(est / se), p = fmt(2 * pnorm(-abs(est / se))),
                                 lower = fmt(est - q * se), upper = fmt(est + q * se))
}
w(do.call(rbind, nri_rows), "nri_expected.csv")

# ---- wilcox.test(score ~ class): exact without ties and n < 50, normal with continuity and tie correction otherwise ----
cases <- list(
  list(name = "exact_small", x = r17(rnorm(9, 1)), y = r17(rnorm(12))),
  list(name = "exact_49", x = r17(rnorm(30, 0.3)), y = r17(rnorm(49))),
  list(name = "normal_large", x = r17(rnorm(60, 0.4)), y = r17(rnorm(80))),
  list(name = "ties", x = round(rnorm(20, 0.5), 1), y = round(rnorm(25), 1)),
  list(name = "exact_null", x = r17(rnorm(7)), y = r17(rnorm(8))))
mw_data <- list(); mw_rows <- list()
for (cs in cases) {
  r <- suppressWarnings(wilcox.test(cs$x, cs$y))
  exact <- length(cs$x) < 50 && length(cs$y) < 50 && !any(duplicated(c(cs$x, cs$y)))
  mw_data[[cs$name]] <- data.frame(case = cs$name, class = c(rep(1, length(cs$x)), rep(0, length(cs$y))), score = fmt(c(cs$x, cs$y)))
  mw_rows[[cs$name]] <- data.frame(case = cs$name, w = fmt(r$statistic), p = fmt(r$p.value), exact = exact)
}
w(do.call(rbind, mw_data), "mann_whitney_data.csv")
w(do.call(rbind, mw_rows), "mann_whitney_expected.csv")

writeLines(c(R.version.string, paste("rms", packageVersion("rms")), paste("Hmisc", packageVersion("Hmisc")),
             paste("RNG", paste(RNGkind(), collapse = " "))), "versions_nomogram.txt")
