#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spendcast::util {

/// Edit distance (insertions, deletions, substitutions, adjacent transpositions).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, if it is close enough to be a likely typo
/// (distance at most a third of the longer word, and at least 1 for short words).
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

}  // namespace spendcast::util
