#pragma once

#include <string>
#include <string_view>

#include "scenario/load.hpp"

namespace spendcast::cli {

/// The text of a new scenario `name` that extends `parent` (loaded and valid), written
/// as `extends_path` relative to the new file's folder. Nothing is set: the keys a user
/// most often changes are written commented out with the parent's values, and a
/// commented [data] block shows how to add the next year's figures.
std::string scenario_from_parent(const std::string& name, const scenario::LoadedScenario& parent,
                                 const std::string& extends_path);

/// The text of a new stand-alone scenario `name`: the [data] of `data_text` (a scenario
/// file holding data only, cited as `data_name`) and a starting set of parameters.
std::string scenario_from_data(const std::string& name, std::string_view data_text,
                               std::string_view data_name);

}  // namespace spendcast::cli
