# Data quality for data stewards (exit 1 means: problems were found, which the sample has on purpose).
step "Data-quality report" sh -c "'$BIN' check --format table | head -25; exit 0"
