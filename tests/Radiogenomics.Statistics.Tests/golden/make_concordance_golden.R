# Golden files for Harrell's concordance on data larger than make_survival_golden.R's, with strata, tied times, tied
# scores and a time limit (ymax): survival::concordance(..., reverse = TRUE), counts, C and the infinitesimal-jackknife SE.
# Rscript make_concordance_golden.R   (run in this folder; needs r-cran-survival)
# Data: R's gbsg (stratified by tumour grade) and a seeded simulation of 6,000 patients in 3 strata whose follow-up is
# rounded up to whole months (many tied event and censoring times) and whose scores are coarse (many tied scores).
suppressPackageStartupMessages(library(survival))
fmt <- function(x) ifelse(is.na(x), "NA", ifelse(is.infinite(x), ifelse(x > 0, "Inf", "-Inf"), sprintf("%.17g", x)))
out <- function(df, file) {
  for (j in seq_along(df)) if (is.numeric(df[[j]])) df[[j]] <- fmt(df[[j]])
  write.csv(df, file, row.names = FALSE, quote = FALSE)
}

gb <- gbsg
gb_d <- data.frame(dataset = "gbsg_grade", time = gb$rfstime, status = gb$status, stratum = gb$grade,
                   s1 = gb$age, s2 = gb$nodes, s3 = gb$pgr)
set.seed(1313)
n <- 6000
stratum <- sample(1:3, n, TRUE)
x <- rnorm(n)
t <- rexp(n, exp(0.8 * x) * c(0.02, 0.04, 0.08)[stratum])
c <- runif(n, 0, 60)
sim_d <- data.frame(dataset = "sim_ties_strata", time = ceiling(pmin(t, c)), status = as.integer(t <= c), stratum = stratum,
                    s1 = round(x, 1), s2 = sample(0:4, n, TRUE) + (x > 0), s3 = round(x + rnorm(n, sd = 0.5), 6))
data <- rbind(gb_d, sim_d)
out(data, "concordance_data.csv")

rows <- list()
for (d in split(data, data$dataset)) {
  taus <- c(Inf, unname(quantile(d$time[d$status == 1], 0.5)))
  for (score in c("s1", "s2", "s3")) for (strat in c(FALSE, TRUE)) for (tau in taus) {
    s <- d[[score]]
    f <- if (strat) Surv(time, status) ~ s + strata(stratum) else Surv(time, status) ~ s
    cf <- concordance(f, data = cbind(d, s = s), reverse = TRUE, ymax = if (is.finite(tau)) tau else NULL)
    count <- if (is.matrix(cf$count)) colSums(cf$count) else cf$count  # with strata: one row per stratum
    rows[[length(rows) + 1]] <- data.frame(dataset = d$dataset[1], score = score, strata = as.integer(strat), tau = tau,
      concordance = cf$concordance, se = sqrt(cf$var), concordant = count["concordant"], discordant = count["discordant"],
      tied_x = count["tied.x"], tied_y = count["tied.y"], tied_xy = count["tied.xy"])
  }
}
out(do.call(rbind, rows), "concordance_strata.csv")
writeLines(c(R.version.string, paste("survival", packageVersion("survival"))), "versions_concordance.txt")
