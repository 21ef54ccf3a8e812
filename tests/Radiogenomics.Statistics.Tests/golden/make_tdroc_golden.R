# Golden file for the time-dependent ROC curves (TimeDependentRoc): riskRegression::Score(plots = "ROC",
# cens.model = "km") cumulative/dynamic curves — per distinct marker value, IPCW sensitivity (cases: events by t, weight
# 1/G(T-)) and specificity (controls: event-free after t) — at the event-time quartiles, for two markers of each data set.
# Rscript make_tdroc_golden.R   (run in this folder after make_survival_golden.R; needs r-cran-riskregression)
suppressPackageStartupMessages({ library(survival); library(riskRegression); library(prodlim) })
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
out <- function(df, file) {
  for (j in seq_along(df)) if (is.numeric(df[[j]])) df[[j]] <- fmt(df[[j]])
  write.csv(df, file, row.names = FALSE, quote = FALSE)
}
data <- read.csv("surv_data.csv")
rows <- list()
for (d in split(data, data$dataset)) {
  if (d$dataset[1] == "sim_small") next
  times <- unname(round(quantile(d$time[d$status == 1], c(0.25, 0.5, 0.75)), 1))
  for (m in c("x1", "x6")) {
    sc <- Score(list(marker = matrix(rep(d[[m]], length(times)), ncol = length(times))), formula = Surv(time, status) ~ 1, data = d,
                times = times, metrics = "auc", plots = "ROC", cens.model = "km", null.model = FALSE, conf.int = FALSE)
    pf <- as.data.frame(sc$ROC$plotframe)
    rows[[length(rows) + 1]] <- data.frame(dataset = d$dataset[1], marker = m, time = pf$times, risk = pf$risk, tpr = pf$TPR, fpr = pf$FPR)
  }
}
out(do.call(rbind, rows), "td_roc.csv")
