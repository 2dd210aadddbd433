#pragma once

#include <optional>
#include <string>

#include "scenario/diagnostics.hpp"
#include "scenario/document.hpp"
#include "scenario/spec.hpp"

namespace spendcast::scenario {

/// Reads the table form of a value, { dist = ..., ... }, without its truncate (which
/// value_forms.cpp checks against the distribution read here): the distribution's name and
/// its parameters, each key as scenario/format_keys.hpp's dist_keys() lists it. Reports
/// every problem found at `path`; empty when any.
std::optional<DistSpec> read_dist_table(const DocValue& v, const std::string& path,
                                        Diagnostics& diagnostics);

}  // namespace spendcast::scenario
