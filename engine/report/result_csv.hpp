#pragma once

#include <string>
#include <vector>

#include "stats/forecast.hpp"

namespace spendcast::report {

/// The forecast as tidy long CSV, one value per row, header
/// `scenario,variant,metric,year,statistic,value` (docs/RESULT-FORMAT.md). `variant` tells
/// runs of one scenario apart: the --set overrides applied, joined by "; " (empty when
/// none). Per metric and year the statistics mean, sd, se, min, max, q<level>,
/// q<level>_se and p1 … p99; then the probabilities as metric `leader.<vendor>`, `<A>>B>`
/// (pairs), `<metric>>=<threshold>`, `event.<name>`, statistics p and p_se; and
/// `spend_first_year.<threshold>`: p and p_se per year, and in the last year also p_never
/// and p_never_se (not reached by the horizon). Every year is an integer; numbers are
/// written in the shortest form that reads back to the same double (csv_number).
std::string result_to_csv(const std::string& scenario, const std::vector<std::string>& overrides,
                          const stats::Forecast& forecast);

/// A number for CSV: the shortest decimal that reads back to the same double ("0.68335",
/// not "0.68335000000000001"); "nan", "inf", "-inf" for non-finite values.
std::string csv_number(double value);

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
std::string csv_field(const std::string& text);

}  // namespace spendcast::report
