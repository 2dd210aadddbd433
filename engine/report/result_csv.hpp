#pragma once

#include <string>

#include "stats/forecast.hpp"

namespace spendcast {

/// The forecast as tidy long CSV, one value per row, header
/// `scenario,metric,year,statistic,value` (docs/RESULT-FORMAT.md): per metric and year
/// the statistics mean, sd, se, min, max, q<level>, q<level>_se and p1 … p99; then the
/// probabilities as metric `leader.<vendor>`, `<A>>B>` (pairs), `<metric>>=<threshold>`,
/// `event.<name>`, `spend_first_year.<threshold>` (year may be "never"), statistics p and
/// p_se. Numbers with 17 significant digits, so they read back exactly.
std::string result_to_csv(const std::string& scenario, const Forecast& forecast);

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
std::string csv_field(const std::string& text);

}  // namespace spendcast
