# Golden files for RandomForestClassifier: randomForest 4.7's classification forests (its defaults: ntree 500,
# mtry floor(sqrt(p)), bootstrap n with replacement, nodesize 1) on three data sets nobody tuned on, 20 seeds each.
# A forest is random, so the C# test compares Monte-Carlo means (OOB error, test error, MeanDecreaseGini) over seeds,
# not single forests. Run in this folder:
#   Rscript make_forest_golden.R
# Needs r-cran-randomforest (and MASS, part of r-base-core's recommended packages).
suppressPackageStartupMessages({ library(randomForest); library(MASS) })
fmt <- function(x) sprintf("%.17g", x)
w <- function(df, file) write.csv(df, file, row.names = FALSE, quote = FALSE)

# ---- data: Pima.tr/Pima.te (diabetes), biopsy (complete cases; odd rows train, even rows test), a simulation ----
pima_x <- function(d) as.matrix(d[, c("npreg", "glu", "bp", "skin", "bmi", "ped", "age")])
b <- biopsy[complete.cases(biopsy), ]
bx <- as.matrix(b[, paste0("V", 1:9)]); by <- as.integer(b$class == "malignant")
odd <- seq_len(nrow(b)) %% 2 == 1
set.seed(20261207)
sim <- function(n) {
  x <- matrix(rnorm(n * 30), n, 30)
  x[, 2] <- 0.6 * x[, 1] + 0.8 * x[, 2]           # a correlated pair
  x[, 30] <- round(x[, 30])                         # a feature with many ties
  eta <- 1.5 * x[, 1] - 1.2 * x[, 3] + 0.9 * x[, 5] + 0.6 * x[, 7] * x[, 9] + 0.3 * x[, 11]
  list(x = matrix(as.numeric(sprintf("%.17g", x)), n, 30), y = rbinom(n, 1, plogis(eta)))
}
s_tr <- sim(150); s_te <- sim(500)
sets <- list(
  pima   = list(xtr = pima_x(Pima.tr), ytr = as.integer(Pima.tr$type == "Yes"), xte = pima_x(Pima.te), yte = as.integer(Pima.te$type == "Yes")),
  biopsy = list(xtr = bx[odd, ], ytr = by[odd], xte = bx[!odd, ], yte = by[!odd]),
  sim    = list(xtr = s_tr$x, ytr = s_tr$y, xte = s_te$x, yte = s_te$y))

runs <- list(); imp <- list()
for (name in names(sets)) {
  d <- sets[[name]]
  colnames(d$xtr) <- colnames(d$xte) <- paste0("x", seq_len(ncol(d$xtr)))
  data <- rbind(data.frame(set = "train", y = d$ytr, matrix(fmt(d$xtr), nrow(d$xtr), dimnames = list(NULL, colnames(d$xtr)))),
                data.frame(set = "test",  y = d$yte, matrix(fmt(d$xte), nrow(d$xte), dimnames = list(NULL, colnames(d$xte)))))
  w(data, sprintf("forest_%s.csv", name))
  for (seed in 1:20) {
    set.seed(seed)
    rf <- randomForest(d$xtr, factor(d$ytr), ntree = 500)
    test_error <- mean(as.integer(as.character(predict(rf, d$xte))) != d$yte)
    runs[[length(runs) + 1]] <- data.frame(dataset = name, seed = seed, mtry = rf$mtry,
      oob_error = fmt(rf$err.rate[500, "OOB"]), test_error = fmt(test_error),
      mean_nodes = fmt(mean(treesize(rf, terminal = FALSE))))
    imp[[length(imp) + 1]] <- data.frame(dataset = name, seed = seed, feature = seq_len(ncol(d$xtr)),
      mean_decrease_gini = fmt(importance(rf)[, "MeanDecreaseGini"]))
  }
}
w(do.call(rbind, runs), "forest_runs.csv")
w(do.call(rbind, imp), "forest_importance.csv")
writeLines(c(R.version.string, paste("randomForest", packageVersion("randomForest")), paste("MASS", packageVersion("MASS")),
             paste("RNG", paste(RNGkind(), collapse = " "))), "versions_forest.txt")
