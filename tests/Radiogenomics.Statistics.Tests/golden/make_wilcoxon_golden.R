# Golden values for WilcoxonSignedRankTest: R's wilcox.test(x, y, paired = TRUE) on seeded data the C# code was
# not tuned on. Run from this folder: Rscript make_wilcoxon_golden.R
set.seed(20181207)
cases <- list(
  small_exact      = list(x = rnorm(9, 0.4), y = rnorm(9)),
  medium_exact     = list(x = rnorm(31, 0.2), y = rnorm(31)),
  large_normal     = list(x = rexp(64), y = rexp(64, 1.3)),
  ties             = list(x = round(rnorm(27, 0.3), 1), y = round(rnorm(27), 1)),
  zeros            = { x <- round(runif(22) * 6); y <- round(runif(22) * 6); list(x = x, y = y) },
  errors_mae       = list(x = abs(rnorm(20, 1.1)), y = abs(rnorm(20, 1.0)))
)
data <- do.call(rbind, lapply(names(cases), function(k) data.frame(case = k, i = seq_along(cases[[k]]$x), x = sprintf("%.17g", cases[[k]]$x), y = sprintf("%.17g", cases[[k]]$y))))
write.csv(data, "wilcoxon_data.csv", row.names = FALSE, quote = FALSE)
rows <- list()
for (k in names(cases)) for (alt in c("two.sided", "greater", "less")) for (ex in c("NULL", "FALSE")) for (cc in c(TRUE, FALSE)) for (mu in c(0, 0.25)) {
  t <- suppressWarnings(wilcox.test(cases[[k]]$x, cases[[k]]$y, paired = TRUE, alternative = alt, mu = mu,
                                    exact = if (ex == "NULL") NULL else FALSE, correct = cc))
  rows[[length(rows) + 1]] <- data.frame(case = k, alternative = alt, exact = ex, correct = cc, mu = mu,
                                         statistic = sprintf("%.17g", t$statistic), p = sprintf("%.17g", t$p.value), method = gsub(",", ";", t$method))
}
write.csv(do.call(rbind, rows), "wilcoxon_expected.csv", row.names = FALSE, quote = FALSE)
writeLines(c(R.version.string, "stats (base R) wilcox.test"), "versions_wilcoxon.txt")
