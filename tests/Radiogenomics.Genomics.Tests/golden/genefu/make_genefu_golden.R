# Golden outputs for the six genefu signatures, from an INDEPENDENT R re-implementation of the formulas in
# /work/shared/genefu/README.md (genefu 2.39 semantics). genefu itself is NOT installed here (it is neither in Debian nor
# reachable from this machine), so this script is the reference: it was written from the formulas, not from the C# code.
# Run from this folder:  Rscript make_genefu_golden.R
# The signature tables are read from the library's copy (src/Radiogenomics.Genomics/GenefuTables, = /work/shared/genefu).
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
fmt_input <- function(x) ifelse(is.na(x), "NA", sprintf("%.15g", round(x, 4)))  # short, exactly re-readable
tables <- file.path("..", "..", "..", "..", "src", "Radiogenomics.Genomics", "GenefuTables")
rd <- function(f) read.csv(file.path(tables, f), stringsAsFactors = FALSE, colClasses = c(EntrezGene.ID = "character"))
onco <- rd("oncotypedx_sig.csv"); endo <- rd("endopredict_sig.csv"); g70 <- rd("gene70_sig.csv")
genius_models <- lapply(1:3, function(i) rd(sprintf("genius_GENIUSM%d.csv", i)))
pik <- rd("pik3cags_sig.csv"); pam <- rd("pam50_centroids.csv")
modules <- list(ESR1 = rd("scmod1_module_ESR1.csv"), ERBB2 = rd("scmod1_module_ERBB2.csv"), AURKA = rd("scmod1_module_AURKA.csv"))
gmm_lines <- readLines(file.path(tables, "scmod1_gmm_parameters.txt"))
gmm_values <- function(key) {
  line <- grep(paste0("^", key), gmm_lines, value = TRUE)
  as.numeric(strsplit(trimws(sub("^[^:]*:", "", line)), "[[:space:]]+")[[1]])
}
gmm <- list(pro = gmm_values("pro"), mean1 = gmm_values("mean.ESR1"), mean2 = gmm_values("mean.ERBB2"),
            sigma = gmm_values("Sigma.diag"))
for (t in c(list(onco, endo, g70, pik, pam), genius_models, modules)) t$EntrezGene.ID[t$EntrezGene.ID %in% c("", "NA")] <- NA
na_id <- function(x) { x[x %in% c("", "NA")] <- NA; x }
g70$EntrezGene.ID <- na_id(g70$EntrezGene.ID)

# ---------------------------------------------------------------- simulated cohort (rows = probes, columns = samples)
set.seed(424242)
n <- 80
samples <- sprintf("P%03d", seq_len(n))
er <- ifelse(runif(n) < 0.65, 1, -1) + rnorm(n, 0, 0.45)
her2 <- ifelse(runif(n) < 0.2, 1.3, -0.4) + rnorm(n, 0, 0.35)
prolif <- rnorm(n) + 0.7 * (er < 0)
latent <- rbind(er, her2, prolif)

all_tables <- c(list(onco, endo, g70, pik, pam), genius_models, modules)
ids <- unique(na.omit(unlist(lapply(all_tables, function(t) t$EntrezGene.ID))))
symbol_of <- setNames(paste0("ENTREZ_", ids), ids)
for (t in list(onco, endo, pam)) symbol_of[t$EntrezGene.ID] <- t$symbol
ok70 <- !is.na(g70$EntrezGene.ID); symbol_of[g70$EntrezGene.ID[ok70]] <- g70$HUGO.gene.symbol[ok70]

# drop some signature genes from the platform (never an Oncotype DX or EndoPredict gene)
protected <- c(onco$EntrezGene.ID, endo$EntrezGene.ID)
drop_from <- function(t, k) sample(setdiff(unique(na.omit(t$EntrezGene.ID)), protected), k)
dropped <- unique(c(drop_from(pik, 12), drop_from(g70, 3), drop_from(pam, 2), drop_from(modules$ESR1, 5),
                    drop_from(genius_models[[2]], 2)))
ids <- setdiff(ids, dropped)

load_on <- function(id) {
  w <- rnorm(3, 0, 0.25)
  for (m in 1:3) {
    hit <- modules[[m]]$EntrezGene.ID == id
    if (any(hit)) w[m] <- w[m] + sign(as.numeric(modules[[m]]$coefficient[hit][1])) * runif(1, 0.6, 1.2)
  }
  w
}
loadings <- t(sapply(ids, load_on))
base <- rnorm(length(ids), 7, 1.5); noise_sd <- runif(length(ids), 0.3, 1)
X <- base + loadings %*% latent + matrix(rnorm(length(ids) * n), length(ids), n) * noise_sd
probe <- paste0("PR_", ids); entrez <- ids; symbol <- unname(symbol_of[ids])

# second probes for 45 genes (incl. Oncotype DX and PAM50 genes): half noisier, half quieter than the first probe
dup_ids <- unique(c("2099", "2886", "596", "57758", sample(ids, 41)))
dup_rows <- match(dup_ids, ids)
scale <- ifelse(seq_along(dup_ids) %% 2 == 0, 2.2, 0.45)
X_dup <- base[dup_rows] + (loadings[dup_rows, ] %*% latent) * scale +
  matrix(rnorm(length(dup_ids) * n), length(dup_ids), n) * noise_sd[dup_rows] * scale
# noise rows with other Entrez IDs, and rows without an Entrez ID
X_noise <- matrix(rnorm(160 * n, 6, 1), 160, n)
X <- rbind(X, X_dup, X_noise)
probe <- c(probe, paste0("PR2_", dup_ids), sprintf("NOISE_%03d", 1:160))
entrez <- c(entrez, dup_ids, c(as.character(990000 + 1:150), rep(NA, 10)))
symbol <- c(symbol, unname(symbol_of[dup_ids]), sprintf("NOISE%03d", 1:160))

# missing values: one Oncotype DX gene in one sample, a PIK3CA-GS gene in three samples, a noisy duplicate probe
# with 30 NAs (the NA penalty must make genefu's rule prefer the complete probe), and one all-NA probe.
X[match("2944", entrez), 5] <- NA
pik_present <- intersect(pik$EntrezGene.ID, entrez[1:length(ids)])
X[match(pik_present[3], entrez), 1:3] <- NA
pen_row <- length(ids) + which(dup_ids == dup_ids[which(scale > 1)[3]])
X[pen_row, sample(n, 30)] <- NA
X <- rbind(X, rep(NA, n)); probe <- c(probe, "ALL_NA_PROBE"); entrez <- c(entrez, "7153"); symbol <- c(symbol, "TOP2A_NA")
dimnames(X) <- list(probe, samples)

cohort <- data.frame(probe = probe, entrez = ifelse(is.na(entrez), "NA", entrez), symbol = symbol,
                     apply(X, 2, fmt_input), check.names = FALSE, stringsAsFactors = FALSE)
write.csv(cohort, "cohort.csv", row.names = FALSE, quote = FALSE)
back <- read.csv("cohort.csv", check.names = FALSE, stringsAsFactors = FALSE, colClasses = c(entrez = "character"))
X <- as.matrix(back[, samples]); rownames(X) <- back$probe
entrez <- na_id(back$entrez)

# ---------------------------------------------------------------- the formulas
# Map a signature's Entrez IDs (NA and repeated IDs dropped, first kept) to rows: among the rows of one gene keep the
# highest sd(na.rm) * (log((n + 1) / (n_NA + 1)) + 1); rows that are all NA are ignored.
usable <- rowSums(!is.na(X)) > 0
map_rows <- function(sig_ids) {
  sig_ids <- sig_ids[!is.na(sig_ids)]; sig_ids <- sig_ids[!duplicated(sig_ids)]
  rows <- sapply(sig_ids, function(id) {
    r <- which(entrez == id & !is.na(entrez) & usable)
    if (length(r) == 0) return(NA_integer_)
    if (length(r) == 1) return(r)
    n_na <- rowSums(is.na(X[r, , drop = FALSE]))
    s <- apply(X[r, , drop = FALSE], 1, sd, na.rm = TRUE) * (log((ncol(X) + 1) / (n_na + 1)) + 1)
    r[order(s, decreasing = TRUE, na.last = TRUE)[1]]
  })
  setNames(rows, sig_ids)
}
q_rescale <- function(x) {
  q <- quantile(x, c(0.025, 0.975), type = 7, na.rm = TRUE, names = FALSE)
  (x - q[1]) / (q[2] - q[1])
}
sig_score <- function(tab) {
  coef <- as.numeric(tab$coefficient); id <- tab$EntrezGene.ID
  o <- order(abs(coef), decreasing = TRUE, na.last = NA); coef <- coef[o]; id <- id[o]
  keep <- !is.na(id) & !duplicated(id); coef <- coef[keep]; id <- id[keep]
  rows <- map_rows(id); ok <- !is.na(rows)
  pos <- rows[ok & coef >= 0]; neg <- rows[ok & coef < 0]
  if (length(pos) + length(neg) == 0) return(rep(NA_real_, ncol(X)))
  wp <- length(pos) / (length(pos) + length(neg)); wn <- length(neg) / (length(pos) + length(neg))
  s <- rep(0, ncol(X))
  if (length(pos)) s <- wp * colMeans(X[pos, , drop = FALSE], na.rm = TRUE)
  if (length(neg)) s <- s - wn * colMeans(X[neg, , drop = FALSE], na.rm = TRUE)
  s
}
spearman <- function(x, y) { ok <- !is.na(x) & !is.na(y); if (sum(ok) <= 3) return(NA_real_); cor(rank(x[ok]), rank(y[ok])) }

# Oncotype DX
onco16 <- onco[onco$group != "reference", ]
rows <- map_rows(onco16$EntrezGene.ID)
stopifnot(!anyNA(rows))
D <- t(X[rows, , drop = FALSE]); colnames(D) <- onco16$symbol
D <- apply(D, 2, function(x) (x - min(x, na.rm = TRUE)) / (max(x, na.rm = TRUE) - min(x, na.rm = TRUE)) * 15)
grb7 <- pmax(8, 0.9 * D[, "GRB7"] + 0.1 * D[, "ERBB2"])
ergrp <- (0.8 * D[, "ESR1"] + 1.2 * D[, "PGR"] + D[, "BCL2"] + D[, "SCUBE2"]) / 4
prol <- pmax(6.5, (D[, "BIRC5"] + D[, "MKI67"] + D[, "MYBL2"] + D[, "CCNB1"] + D[, "AURKA"]) / 5)
inv <- (D[, "CTSL2"] + D[, "MMP11"]) / 2
rsu <- 0.47 * grb7 - 0.34 * ergrp + 1.04 * prol + 0.10 * inv + 0.05 * D[, "CD68"] - 0.08 * D[, "GSTM1"] - 0.07 * D[, "BAG1"]
rs <- ifelse(rsu >= 0 & rsu <= 100, 20 * (rsu - 6.7), rsu)
oncotypedx <- pmin(pmax(rs, 0), 100)

# EndoPredict
goi <- endo[endo$group == "GOI", ]
rows <- map_rows(goi$EntrezGene.ID)
stopifnot(!anyNA(rows))
E <- t(X[rows, , drop = FALSE])
E <- apply(E, 2, function(x) {
  q <- quantile(x, c(0.025, 0.975), type = 7, na.rm = TRUE, names = FALSE)
  pmin(pmax(8 * (x - q[1]) / (q[2] - q[1]) + 6, 1), 15)
})
E <- E - rowMeans(E, na.rm = TRUE) + log2(500)
Z <- sweep(sweep(E, 2, goi$b, "-"), 2, goi$a, "/")
u <- as.vector(Z %*% goi$weight) - 2.63
endopredict <- pmin(pmax(1.5 * u + 18.95, 0), 15)

# ROR-S
rows <- map_rows(pam$EntrezGene.ID); ok <- !is.na(rows)
cent <- as.matrix(pam[ok, c("Basal", "Her2", "LumA", "LumB", "Normal")])
R <- t(sapply(seq_len(n), function(j) apply(cent, 2, function(cc) spearman(X[rows[ok], j], cc))))
rors_unscaled <- 0.05 * R[, "Basal"] + 0.12 * R[, "Her2"] - 0.34 * R[, "LumA"] + 0.23 * R[, "LumB"]
rors <- pmin(pmax(q_rescale(rors_unscaled) * 100, 0), 100)

# GENE70
g70u <- g70[!is.na(g70$EntrezGene.ID) & !duplicated(g70$EntrezGene.ID), ]
rows <- map_rows(g70u$EntrezGene.ID); ok <- !is.na(rows)
gene70 <- -sapply(seq_len(n), function(j) spearman(X[rows[ok], j], g70u$average.good.prognosis.profile[ok]))

# GENIUS
mod <- sapply(modules, function(m) (q_rescale(sig_score(m)) - 0.5) * 2)
dens <- sapply(1:3, function(k) gmm$pro[k] * dnorm(mod[, "ESR1"], gmm$mean1[k], sqrt(gmm$sigma[1])) *
                                 dnorm(mod[, "ERBB2"], gmm$mean2[k], sqrt(gmm$sigma[2])))
proba <- dens / rowSums(dens)
subtype <- apply(proba, 1, which.max)
stopifnot(length(unique(subtype)) == 3)   # genefu's loop over present subtypes needs all three
model_scores <- sapply(genius_models, function(m) (q_rescale(sig_score(m)) - 0.5) * 2)
genius <- rowSums(proba * model_scores)

# PIK3CA-GS
pik3cags <- sig_score(pik)

out <- data.frame(sample = samples, oncotypedx = fmt(oncotypedx), endopredict = fmt(endopredict), rors = fmt(rors),
                  rors_unscaled = fmt(rors_unscaled), gene70 = fmt(gene70), genius = fmt(genius), pik3cags = fmt(pik3cags),
                  module_esr1 = fmt(mod[, "ESR1"]), module_erbb2 = fmt(mod[, "ERBB2"]), module_aurka = fmt(mod[, "AURKA"]),
                  p_ern_her2n = fmt(proba[, 1]), p_her2p = fmt(proba[, 2]), p_erp_her2n = fmt(proba[, 3]),
                  geniusm1 = fmt(model_scores[, 1]), geniusm2 = fmt(model_scores[, 2]), geniusm3 = fmt(model_scores[, 3]))
write.csv(out, "scores.csv", row.names = FALSE, quote = FALSE)

# which probe each signature gene mapped to (NA = missing from the platform)
report <- function(name, ids) {
  r <- map_rows(ids)
  data.frame(signature = name, entrez = names(r), probe = ifelse(is.na(r), "NA", rownames(X)[r]))
}
mapping <- rbind(report("oncotypedx", onco16$EntrezGene.ID), report("endopredict", goi$EntrezGene.ID),
                 report("rors", pam$EntrezGene.ID), report("gene70", g70$EntrezGene.ID),
                 report("pik3cags", pik$EntrezGene.ID), report("scmod1_esr1", modules$ESR1$EntrezGene.ID),
                 report("scmod1_erbb2", modules$ERBB2$EntrezGene.ID), report("scmod1_aurka", modules$AURKA$EntrezGene.ID),
                 report("geniusm1", genius_models[[1]]$EntrezGene.ID), report("geniusm2", genius_models[[2]]$EntrezGene.ID),
                 report("geniusm3", genius_models[[3]]$EntrezGene.ID))
write.csv(mapping, "mapping.csv", row.names = FALSE, quote = FALSE)
cat("subtypes:", table(subtype), "\n")
cat("mapped: pam50", sum(!is.na(map_rows(pam$EntrezGene.ID))), " gene70", sum(ok), " pik3cags",
    sum(!is.na(map_rows(pik$EntrezGene.ID))), "\n")
writeLines(c(paste("R", getRversion()), "genefu: not installed (independent re-implementation of README formulas)"), "versions.txt")
