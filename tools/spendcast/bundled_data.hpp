#pragma once

#include <string_view>

namespace spendcast::cli {

/// The text of scenarios/data/menlo-2024.toml, built into the program (the file is the
/// one copy): `spendcast new` without --from starts from its [data].
std::string_view bundled_data_text();

/// The file name `spendcast new` cites for the bundled data.
inline constexpr std::string_view bundled_data_name = "scenarios/data/menlo-2024.toml";

}  // namespace spendcast::cli
