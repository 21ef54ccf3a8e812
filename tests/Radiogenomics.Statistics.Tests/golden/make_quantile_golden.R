# Golden data for the preprocessCore variant of quantile normalisation (normalize.features method
# quantile-preprocesscore). Columns of the matrix given to normalize.quantiles are images (the seed code
# normalises each image across its features), so the CSVs are images × features here and transposed for R.
# Rounded values make ties, which is where preprocessCore and the seed code differ.
suppressPackageStartupMessages(library(preprocessCore))
set.seed(20261121)
images <- 12; features <- 40
x <- matrix(round(rgamma(images * features, shape = 2, scale = 3), 0), nrow = images)
x[3, 1:6] <- 5   # a run of ties within one image
y <- t(normalize.quantiles(t(x)))
write.table(x, "quantile_input.csv", sep = ",", row.names = FALSE, col.names = FALSE)
write.table(format(y, digits = 17), "quantile_preprocesscore.csv", sep = ",", row.names = FALSE, col.names = FALSE, quote = FALSE)
cat(sprintf("preprocessCore %s\n", packageVersion("preprocessCore")))
