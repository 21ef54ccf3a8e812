# Golden p-values of R's fisher.test (two-sided) for FisherExactTestTests.cs.
# Run in this folder: Rscript make_fisher_golden.R  (base R only, a few seconds).
set.seed(20261207)
tables <- list()
add <- function(id, m) tables[[length(tables) + 1]] <<- list(id = id, m = m)

# Hand-made cases: textbook 2 x 2s, ties, zero cells, a zero margin, symmetric tables.
add("tea", matrix(c(3, 1, 1, 3), 2))
add("zero_cell", matrix(c(10, 0, 3, 7), 2))
add("symmetric_2x2", matrix(c(5, 5, 5, 5), 2))
add("lopsided_2x2", matrix(c(40, 2, 1, 35), 2))
add("job_satisfaction", matrix(c(1, 2, 1, 0, 3, 3, 6, 1, 10, 10, 14, 9, 6, 7, 12, 11), 4))
add("zero_row", matrix(c(3, 0, 4, 2, 0, 5, 1, 0, 6), 3, byrow = TRUE))
add("symmetric_3x3", matrix(c(4, 4, 4, 4, 4, 4, 4, 4, 4), 3))
add("strong_3x3", matrix(c(20, 1, 0, 2, 18, 1, 0, 3, 19), 3))

# Cluster x clinical-level tables as the report builds them: k clusters, L levels, n patients,
# both independent (p spread over (0, 1)) and with planted enrichment (small p).
shapes <- list(c(2, 2, 60), c(2, 3, 80), c(3, 2, 100), c(3, 3, 90), c(2, 5, 120), c(4, 3, 150),
               c(3, 4, 200), c(4, 4, 120), c(5, 3, 100), c(2, 6, 200), c(3, 6, 120), c(6, 2, 80),
               c(4, 6, 60), c(5, 5, 50), c(6, 6, 40))
for (shape in shapes) {
  k <- shape[1]; L <- shape[2]; n <- shape[3]
  for (planted in c(FALSE, TRUE)) {
    cluster <- sample.int(k, n, replace = TRUE)
    level <- if (planted) ifelse(runif(n) < 0.5, ((cluster - 1) %% L) + 1, sample.int(L, n, replace = TRUE))
             else sample.int(L, n, replace = TRUE)
    m <- table(factor(cluster, levels = 1:k), factor(level, levels = 1:L))
    add(sprintf("k%d_l%d_n%d_%s", k, L, n, if (planted) "planted" else "null"), unclass(m))
  }
}

# R's default workspace (200000) is too small for some of the larger null tables; they get a bigger one (same algorithm).
exact_p <- function(m) tryCatch(fisher.test(m)$p.value,
                                error = function(e) fisher.test(m, workspace = 2e8)$p.value)

rows <- lapply(tables, function(t) {
  m <- t$m
  data.frame(id = t$id, rows = nrow(m), cols = ncol(m),
             counts = paste(as.integer(t(m)), collapse = " "),   # row-major
             p = sprintf("%.17g", exact_p(m)))
})
write.csv(do.call(rbind, rows), "fisher.csv", row.names = FALSE, quote = FALSE)
writeLines(c(R.version.string, "stats (base R): fisher.test, FEXACT network algorithm with default workspace"), "versions_fisher.txt")
