#!/usr/bin/env Rscript
# Writes the golden CSV files that tests/Radiogenomics.Statistics.Tests compares against.
# The C# tests never run R; they read the CSVs written here. Re-run (from any directory) with
#   Rscript tests/Radiogenomics.Statistics.Tests/golden/make_golden.R
# Needs R >= 4.0 with nlme and lme4 (Debian: r-base-core r-cran-nlme r-cran-lme4).
# All data are simulated here from fixed seeds, so the C# code was never tuned on them.

suppressPackageStartupMessages({ library(nlme); library(lme4) })
RNGkind("Mersenne-Twister", "Inversion", "Rejection")

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
outdir <- if (length(script) == 1) dirname(normalizePath(script)) else getwd()

# Inputs are rounded to 10 significant digits before use, so 15 digits print them exactly;
# results are printed with 17 digits (round-trip exact for doubles).
fmt <- function(v, digits) ifelse(is.na(v), "NA", sprintf(paste0("%.", digits, "g"), v))
write_rows <- function(df, file, digits = 17) {
  for (j in seq_along(df)) if (is.numeric(df[[j]]) && !is.integer(df[[j]])) df[[j]] <- fmt(df[[j]], digits)
  write.csv(df, file.path(outdir, file), row.names = FALSE, quote = FALSE, na = "NA")
}

# ------------------------------------------------------------------------------------------
# 1. Random-intercept LMM  y ~ x + (1 | patient), REML; x is patient-level.
# ------------------------------------------------------------------------------------------
# Data are stored with 10 significant digits; R fits exactly the stored (rounded) values.
sig <- function(v) signif(v, 10)

datasets <- list(); covs <- list(); descr <- character()
add <- function(desc, n, y, X) {
  k <- length(datasets) + 1L
  datasets[[k]] <<- list(n = n, y = sig(y))
  covs[[k]] <<- lapply(X, sig)
  descr[k] <<- desc
}

# Simulates m patients with n[i] images: y = yoff + ymag * (beta * x1 + b_i + e_ij).
# Covariates: x1 (carries the effect), x2 independent normal, x3 binary, x4 log-normal,
# x5 correlated with x1. xmag/xoff rescale every covariate (the fit must be invariant).
sim <- function(desc, m, n, sb, se = 1, beta = 0.3, ymag = 1, yoff = 0, xmag = 1, xoff = 0,
                shrink = NULL, relu = FALSE, ncov = 5) {
  pid <- rep(seq_len(m), n)
  x1 <- rnorm(m)
  e <- rnorm(sum(n), sd = se)
  if (!is.null(shrink)) {
    # Pull patient means of the noise together: between-patient spread below what the
    # within-patient noise implies, so the REML estimate of sigma_b^2 sits on the boundary 0.
    eb <- tapply(e, pid, mean)
    e <- e - (1 - shrink) * eb[pid]
  }
  lat <- beta * x1[pid] + rnorm(m, sd = sb)[pid] + e
  if (relu) lat <- pmax(0, lat)
  y <- yoff + ymag * lat
  X <- list(x1 = x1, x2 = rnorm(m), x3 = as.numeric(runif(m) < 0.3),
            x4 = exp(rnorm(m)), x5 = x1 + rnorm(m, sd = 0.5))[seq_len(ncov)]
  X <- lapply(X, function(v) xoff + xmag * v)
  add(desc, n, y, X)
}

set.seed(20230417)
U <- function(m, lo, hi) sample(lo:hi, m, replace = TRUE)
sim("typical: 110 patients, 1-40 images, sb=se=1", 110, U(110, 1, 40), sb = 1)
sim("strong random effect sb=5, se=0.5", 110, U(110, 1, 40), sb = 5, se = 0.5)
sim("weak random effect sb=0.1", 110, U(110, 1, 40), sb = 0.1)
sim("very weak random effect sb=0.02", 80, U(80, 1, 40), sb = 0.02)
sim("no random effect sb=0 (boundary likely)", 110, U(110, 1, 40), sb = 0)
sim("no random effect sb=0, second draw", 60, U(60, 2, 20), sb = 0)
sim("anti-clustered noise (REML boundary)", 110, U(110, 1, 40), sb = 0, shrink = 0.3)
sim("anti-clustered, balanced n=5 (boundary)", 40, rep(5, 40), sb = 0, shrink = 0.5)
sim("tiny magnitude y~1e-9, x~1e-6", 110, U(110, 1, 40), sb = 0.7, ymag = 1e-9, yoff = 3e-9, xmag = 1e-6, xoff = 2e-6)
sim("large magnitude y~1e7 offset 1e9, x~1e5 offset 1e6", 110, U(110, 1, 40), sb = 0.7, ymag = 1e7, yoff = 1e9, xmag = 1e5, xoff = 1e6)
sim("large offset y=1e6+N(0,1)", 50, U(50, 1, 30), sb = 0.5, yoff = 1e6)
sim("3 patients", 3, c(4, 7, 2), sb = 1, ncov = 3)
sim("4 patients", 4, c(1, 9, 3, 5), sb = 1, ncov = 3)
sim("6 patients", 6, U(6, 1, 10), sb = 0.5)
sim("10 patients", 10, U(10, 1, 40), sb = 2)
sim("mostly single-image patients (intercept df = m-2)", 60, c(rep(1, 55), 2, 2, 3, 2, 4), sb = 1)
sim("balanced 110 x 8", 110, rep(8, 110), sb = 0.8)
sim("ReLU feature (many zeros)", 110, U(110, 1, 40), sb = 0.6, relu = TRUE)
sim("large cohort-like: 110 patients, 100-250 images", 110, U(110, 100, 250), sb = 0.3, ncov = 3)
for (r in 1:16) {
  m <- sample(c(5:20, 30, 50, 80, 110, 150), 1)
  nmax <- sample(c(1:5, 10, 20, 40), 1); nmin <- sample(1:max(1, min(nmax, 3)), 1)
  n <- U(m, nmin, nmax)
  if (all(n == 1)) n[1] <- 2
  sim(sprintf("random configuration %d", r), m, n, sb = 10^runif(1, -2, 1), se = 10^runif(1, -1, 1),
      beta = sample(c(0, 0.1, 1), 1), ymag = 10^runif(1, -4, 4), yoff = sample(c(0, 1, 1000), 1),
      xmag = 10^runif(1, -3, 3), xoff = sample(c(0, 5), 1), relu = runif(1) < 0.2)
}
# All patients with a single image: sigma^2 and sigma_b^2 are not separately identifiable.
m <- 40; x1 <- rnorm(m); add("all single-image patients (variance split not identifiable)", rep(1, m),
                             1 + 0.5 * x1 + rnorm(m), list(x1 = x1, x2 = rnorm(m)))
# Every image of a patient has the same value: within-patient variance 0 (sigma^2 -> 0).
m <- 12; n <- U(m, 2, 6); x1 <- rnorm(m); ybar <- 0.4 * x1 + rnorm(m)
add("identical images within patient (sigma^2 = 0)", n, rep(ybar, n), list(x1 = x1, x2 = rnorm(m)))
# A covariate with missing values for some patients (fitted with na.action = na.omit).
m <- 50; n <- U(m, 1, 20); pid <- rep(seq_len(m), n); x1 <- rnorm(m)
y <- 0.3 * x1[pid] + rnorm(m, sd = 0.8)[pid] + rnorm(sum(n))
x2 <- x1; x2[c(3, 17, 30, 44)] <- NA
add("covariate with missing patients (na.omit)", n, y, list(x1 = x1, x2 = x2))

# References --------------------------------------------------------------------------------
# nlme_default: lme() with the default lmeControl(), on the data as stored.
# nlme_seed:    the control the Liu & Hu lme.R used: lmeControl(maxIter = 1, niterEM = 1), data as stored.
# nlme_tight:   nlme driven to its numerical limit. Two things limit nlme's default fit:
#               (1) its optimiser: nlminb on a finite-difference gradient stops ~1e-5 (relative) from the
#                   optimum of gamma = sigma_b^2/sigma^2; tightening nlminb alone (rel.tol/x.tol 1e-15) ends in
#                   "singular convergence" at points no better than the default. Many EM iterations
#                   (niterEM = 5000, nlme's exact EM in C) followed by nlminb reach gamma to ~1e-12.
#               (2) conditioning: nlme works on the raw y and X, so with large offsets (y ~ 1e6 + N(0,1))
#                   it loses ~6 digits and gamma is only good to ~1e-5 whatever the control. The tight
#                   reference therefore fits y - c_y on x - c_x (an exact reparametrisation: beta1, SEs of
#                   beta1, sigma^2, sigma_b^2, logLik and df are unchanged) and maps the intercept back:
#                   beta0 = beta0' + c_y - beta1 c_x, Var(beta0) = Var(beta0') + c_x^2 Var(beta1) - 2 c_x Cov(beta0', beta1).
# lme4_exact:   lme4's REML deviance (independent code: penalised least squares) on the same centred data,
#               minimised over theta = sigma_b/sigma with optimize() and polished with uniroot() on a
#               central-difference derivative; theta = 0 is allowed exactly (boundary).
# lm_patient_means: for the two degenerate designs where it is the exact answer (every patient has one image;
#               all images of a patient equal, sigma^2 -> 0): lm() of the patient means on x, with nlme's df rule.
controls <- list(
  nlme_default = lmeControl(),
  nlme_seed    = lmeControl(maxIter = 1, niterEM = 1),
  nlme_tight   = lmeControl(niterEM = 5000, rel.tol = 1e-14, msMaxIter = 1000, msMaxEval = 5000, returnObject = TRUE))

row_of <- function(ds, cv, ref, status, message = "", b = c(NA, NA), se = c(NA, NA), df = c(NA, NA),
                   s2 = NA, sb2 = NA, ll = NA, m = NA, N = NA) {
  t <- b / se
  p <- 2 * pt(-abs(t), df)
  data.frame(dataset = ds, covariate = cv, reference = ref, status = status, message = message,
             patients = m, images = N, beta0 = b[1], beta1 = b[2], se0 = se[1], se1 = se[2],
             t0 = t[1], t1 = t[2], df0 = df[1], df1 = df[2], p0 = p[1], p1 = p[2],
             sigma2 = s2, sigmab2 = sb2, loglik = ll, stringsAsFactors = FALSE)
}

# Shifts that centre y (image mean) and x (mean over patients with a value) of a data frame d.
centring <- function(d) {
  ok <- !is.na(d$x)
  xp <- tapply(d$x[ok], d$pid[ok], function(v) v[1])
  c(y = mean(d$y[ok]), x = mean(xp[!is.na(xp)]))
}

fit_nlme <- function(d, ds, cv, ref, ctl, centre = FALSE) {
  sh <- if (centre) centring(d) else c(y = 0, x = 0)
  dc <- transform(d, y = y - sh[["y"]], x = x - sh[["x"]])
  f <- tryCatch(suppressWarnings(lme(y ~ x, random = ~ 1 | pid, data = dc, method = "REML",
                                     control = ctl, na.action = na.omit)),
                error = function(e) e)
  if (inherits(f, "error"))
    return(row_of(ds, cv, ref, "error", gsub("[,\n\r]+", " ", conditionMessage(f))))
  tt <- summary(f)$tTable
  if (centre) {
    V <- as.matrix(vcov(f)); b1 <- tt[2, "Value"]; cx <- sh[["x"]]
    b0 <- tt[1, "Value"] + sh[["y"]] - b1 * cx
    se0 <- sqrt(V[1, 1] + cx^2 * V[2, 2] - 2 * cx * V[1, 2])
    tt[1, "Value"] <- b0; tt[1, "Std.Error"] <- se0; tt[1, "t-value"] <- b0 / se0
    tt[1, "p-value"] <- 2 * pt(-abs(b0 / se0), tt[1, "DF"])
  }
  # VarCorr() returns formatted text; take sigma_b^2 from the pdMat itself.
  vc <- as.numeric(pdMatrix(f$modelStruct$reStruct)[[1]]) * f$sigma^2
  # The t, df and p columns are nlme's own; recompute nothing.
  r <- row_of(ds, cv, ref, "ok", "", tt[, "Value"], tt[, "Std.Error"], tt[, "DF"],
              s2 = f$sigma^2, sb2 = vc[1], ll = as.numeric(logLik(f)),
              m = f$dims$ngrps[["pid"]], N = f$dims$N)
  r$t0 <- tt[1, "t-value"]; r$t1 <- tt[2, "t-value"]; r$p0 <- tt[1, "p-value"]; r$p1 <- tt[2, "p-value"]
  r
}

fit_lme4_exact <- function(d, ds, cv) {
  d <- d[!is.na(d$x), ]
  sh <- centring(d)
  d$y <- d$y - sh[["y"]]; d$x <- d$x - sh[["x"]]
  d$pid <- droplevels(d$pid)
  m <- nlevels(d$pid); N <- nrow(d)
  res <- tryCatch({
    lmod <- lFormula(y ~ x + (1 | pid), d, REML = TRUE,
                     control = lmerControl(check.nobs.vs.nlev = "ignore", check.nobs.vs.nRE = "ignore"))
    dev <- do.call(mkLmerDevfun, lmod)
    grid <- c(0, 10^seq(-4, 3, by = 0.25))
    fv <- sapply(grid, dev)
    k <- which.min(fv)
    if (k == length(grid)) stop("theta at the upper end of the search grid (sigma^2 -> 0)")
    lo <- if (k == 1) 0 else grid[k - 1]
    th <- optimize(dev, c(lo, grid[k + 1]), tol = 1e-13)$minimum
    if (dev(0) <= dev(th)) th <- 0
    if (th > 0) {
      dd <- function(t) { h <- 1e-4 * t; (dev(t + h) - dev(t - h)) / (2 * h) }
      a <- th * (1 - 1e-4); bb <- th * (1 + 1e-4)
      if (dd(a) < 0 && dd(bb) > 0) th <- uniroot(dd, c(a, bb), tol = 1e-16 * th)$root
    }
    fval <- dev(th)
    mm <- mkMerMod(environment(dev), list(par = th, fval = fval, conv = 0, feval = 1, message = ""),
                   lmod$reTrms, fr = lmod$fr)
    if (length(fixef(mm)) < 2) stop("fixed-effect model matrix is rank deficient (x constant)")
    s2 <- sigma(mm)^2
    df <- c(max(m - 2, N - m), m - 2)  # nlme's rule for this design (see getFixDF)
    V <- as.matrix(vcov(mm)); b <- unname(fixef(mm)); cx <- sh[["x"]]
    b0 <- b[1] + sh[["y"]] - b[2] * cx
    se <- c(sqrt(V[1, 1] + cx^2 * V[2, 2] - 2 * cx * V[1, 2]), sqrt(V[2, 2]))
    row_of(ds, cv, "lme4_exact", if (th == 0) "boundary" else "ok", "", c(b0, b[2]), se, df,
           s2 = s2, sb2 = th^2 * s2, ll = as.numeric(logLik(mm)), m = m, N = N)
  }, error = function(e) row_of(ds, cv, "lme4_exact", "error", gsub("[,\n\r]+", " ", conditionMessage(e))))
  res
}

img_rows <- list(); cov_rows <- list(); exp_rows <- list()
for (k in seq_along(datasets)) {
  D <- datasets[[k]]; m <- length(D$n); pid <- rep(seq_len(m), D$n)
  img_rows[[k]] <- data.frame(dataset = k, patient = pid, y = D$y)
  for (cv in names(covs[[k]])) {
    x <- covs[[k]][[cv]]
    cov_rows[[length(cov_rows) + 1]] <- data.frame(dataset = k, covariate = cv, patient = seq_len(m), x = x)
    d <- data.frame(y = D$y, x = x[pid], pid = factor(pid))
    for (ref in names(controls))
      exp_rows[[length(exp_rows) + 1]] <- fit_nlme(d, k, cv, ref, controls[[ref]], centre = ref == "nlme_tight")
    exp_rows[[length(exp_rows) + 1]] <- fit_lme4_exact(d, k, cv)
    ybar <- tapply(D$y, pid, mean); ssw <- sum((D$y - ybar[pid])^2)
    if (all(D$n == 1) || ssw == 0) {
      fm <- lm(ybar ~ x)
      cf <- summary(fm)$coefficients
      df <- c(max(m - 2, sum(D$n) - m), m - 2)
      exp_rows[[length(exp_rows) + 1]] <- row_of(k, cv, "lm_patient_means", "ok", "", unname(cf[, 1]), unname(cf[, 2]), df,
                                                 m = m, N = sum(D$n))
    }
  }
}
write_rows(data.frame(dataset = seq_along(descr), description = gsub(",", ";", descr)), "lmm_datasets.csv")
write_rows(do.call(rbind, img_rows), "lmm_images.csv", digits = 15)
write_rows(do.call(rbind, cov_rows), "lmm_covariates.csv", digits = 15)
write_rows(do.call(rbind, exp_rows), "lmm_expected.csv")

# ------------------------------------------------------------------------------------------
# 2. p.adjust(method = "BH"), NAs kept and not counted in n.
# ------------------------------------------------------------------------------------------
set.seed(7)
pv <- list(
  uniform = runif(200),
  mixture = c(runif(150), rbeta(50, 0.1, 5)),
  tiny = c(10^-runif(30, 5, 300), runif(30)),
  ties = round(runif(300), 2),
  exact_ties = rep(c(0.01, 0.02, 0.5, 1), times = c(5, 7, 3, 2)),
  with_na = { v <- runif(100); v[sample(100, 12)] <- NA; v },
  with_nan = { v <- runif(40); v[c(2, 9, 33)] <- NaN; v },
  zeros_ones = c(0, 0, 1, 1, 0.5, 0.04, 0, 1e-320),
  single = 0.03,
  single_with_na = c(NA, 0.3, NA),
  two = c(0.04, 0.03),
  all_na = c(NA_real_, NA_real_),
  features_4096 = c(rbeta(400, 0.05, 1), runif(3696))[sample(4096)])
pv <- lapply(pv, function(v) signif(v, 10))
# n: the number of tests passed to p.adjust (0 = R's default, the number of non-NA values).
nexplicit <- c(explicit_n = 25L, explicit_n_with_na = 12L)
pv$explicit_n <- signif(runif(10), 10)
pv$explicit_n_with_na <- signif(c(runif(6), NA, NA), 10)
bh <- do.call(rbind, lapply(names(pv), function(nm) {
  n <- if (nm %in% names(nexplicit)) nexplicit[[nm]] else 0L
  adj <- if (n > 0) p.adjust(pv[[nm]], "BH", n = n) else p.adjust(pv[[nm]], "BH")
  data.frame(vector = nm, n = n, index = seq_along(pv[[nm]]), p = pv[[nm]], bh = adj)
}))
write_rows(bh, "bh.csv")  # 17 digits: the adjusted values are compared bit for bit

# ------------------------------------------------------------------------------------------
# 3. Student t distribution, as R's pt(): two-sided p and lower tail.
# ------------------------------------------------------------------------------------------
tg <- expand.grid(t = c(0, 1e-8, 0.1, 0.5, 1, 1.96, 2.5, 4, 7.5, 12, 30, 100, 1e3, 1e5, 1e10),
                  df = c(1, 2, 3, 4.5, 7, 10, 28, 58, 108, 141, 500, 1e4, 1e6))
tg <- rbind(tg, data.frame(t = -tg$t[tg$t > 0], df = tg$df[tg$t > 0]))
tg$p_two_sided <- 2 * pt(-abs(tg$t), tg$df)
tg$lower <- pt(tg$t, tg$df)
tg$upper <- pt(tg$t, tg$df, lower.tail = FALSE)
write_rows(tg, "student_t.csv")

# ------------------------------------------------------------------------------------------
# 4. cor.test: Pearson and Spearman (exact AS 89 for n < 1290 without ties, else t approx).
# ------------------------------------------------------------------------------------------
set.seed(11)
cd <- list(); cx <- list()
addc <- function(nm, x, y) { cd[[nm]] <<- data.frame(x = signif(x, 10), y = signif(y, 10)) }
for (n in c(3, 4, 5, 7, 9)) { x <- rnorm(n); addc(sprintf("small_n%d", n), x, x + rnorm(n)) }
addc("n9_perfect", 1:9, 1:9 * 2)
addc("n9_reversed", 1:9, 9:1)
addc("n10_edgeworth", rnorm(10), rnorm(10))
x <- rnorm(30); addc("n30_strong", x, x + rnorm(30, sd = 0.3))
addc("n30_null", rnorm(30), rnorm(30))
x <- rnorm(110); addc("n110_moderate", x, 0.3 * x + rnorm(110))
addc("n110_ties", round(rnorm(110), 1), round(rnorm(110), 1))
x <- rpois(50, 3); addc("n50_integer_ties", x, x + rpois(50, 2))
x <- rnorm(1290); addc("n1290_exact_limit", x, 0.05 * x + rnorm(1290))
x <- rnorm(1291); addc("n1291_asymptotic", x, 0.05 * x + rnorm(1291))
x <- rnorm(3000); addc("n3000", x, 0.02 * x + rnorm(3000))
x <- rexp(60); addc("n60_skewed_magnitude", 1e6 * x, exp(x) * 1e-6)
cres <- list()
for (nm in names(cd)) {
  x <- cd[[nm]]$x; y <- cd[[nm]]$y
  cx[[nm]] <- data.frame(case = nm, i = seq_along(x), x = x, y = y)
  for (alt in c("two.sided", "less", "greater")) for (meth in c("pearson", "spearman")) {
    r <- suppressWarnings(cor.test(x, y, method = meth, alternative = alt))
    ci <- if (is.null(r$conf.int)) c(NA, NA) else as.numeric(r$conf.int)
    cres[[length(cres) + 1]] <- data.frame(case = nm, method = meth, alternative = alt,
      estimate = unname(r$estimate), statistic = unname(r$statistic),
      df = if (is.null(r$parameter)) NA else unname(r$parameter), p = r$p.value,
      conf_low = ci[1], conf_high = ci[2])
  }
}
write_rows(do.call(rbind, cx), "cor_data.csv", digits = 15)
write_rows(do.call(rbind, cres), "cor_expected.csv")

writeLines(c(R.version.string, paste("nlme", packageVersion("nlme")), paste("lme4", packageVersion("lme4")),
             paste("RNG", paste(RNGkind(), collapse = " "))), file.path(outdir, "versions.txt"))
