# Golden file for the Cox subgroup analysis (CoxSubgroups): per level of a grouping column, coxph of the exposure (with the
# adjustment covariates) on that level's patients; the interaction p by the likelihood-ratio test of
# coxph(~ exposure + adjust + factor(group)) against the same model plus exposure:factor(group), as anova() gives it.
# Rscript make_subgroup_golden.R   (run in this folder after make_survival_golden.R; needs r-cran-survival)
suppressPackageStartupMessages(library(survival))
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
out <- function(df, file) {
  for (j in seq_along(df)) if (is.numeric(df[[j]])) df[[j]] <- fmt(df[[j]])
  write.csv(df, file, row.names = FALSE, quote = FALSE)
}
data <- read.csv("surv_data.csv")
rows <- list(); inter <- list()
cases <- list(list(exposure = "x1", adjust = character(0), ties = "efron", strata = FALSE),
              list(exposure = "x2", adjust = c("x3", "x5"), ties = "efron", strata = FALSE),
              list(exposure = "x1", adjust = "x4", ties = "breslow", strata = TRUE))
for (d in split(data, data$dataset)) for (ci in seq_along(cases)) {
  cs <- cases[[ci]]
  if (d$dataset[1] == "sim_small") next
  rhs <- paste(c(cs$exposure, cs$adjust), collapse = " + ")
  st <- if (cs$strata) " + strata(stratum)" else ""
  for (lv in sort(unique(d$group))) {
    s <- d[d$group == lv, ]
    fit <- coxph(as.formula(paste("Surv(time, status) ~", rhs, st)), data = s, ties = cs$ties)
    sm <- summary(fit)
    rows[[length(rows) + 1]] <- data.frame(dataset = d$dataset[1], case = ci, level = lv, n = fit$n, events = fit$nevent,
      coef = unname(coef(fit)[1]), se = sqrt(vcov(fit)[1, 1]), hr = unname(exp(coef(fit)[1])),
      lower = sm$conf.int[1, "lower .95"], upper = sm$conf.int[1, "upper .95"], p = sm$coefficients[1, "Pr(>|z|)"])
  }
  reduced <- coxph(as.formula(paste("Surv(time, status) ~", rhs, "+ factor(group)", st)), data = d, ties = cs$ties)
  full <- coxph(as.formula(paste("Surv(time, status) ~", rhs, "+ factor(group) +", cs$exposure, ":factor(group)", st)), data = d, ties = cs$ties)
  a <- anova(reduced, full)
  inter[[length(inter) + 1]] <- data.frame(dataset = d$dataset[1], case = ci, exposure = cs$exposure,
    adjust = paste(cs$adjust, collapse = " "), ties = cs$ties, strata = as.integer(cs$strata),
    lr = a$Chisq[2], df = a$Df[2], p = a[["Pr(>|Chi|)"]][2])
}
out(do.call(rbind, rows), "subgroup_levels.csv")
out(do.call(rbind, inter), "subgroup_interaction.csv")
