#pragma once

#include <string_view>

namespace spendcast::util {

/// `s` without its leading and trailing spaces and tabs.
std::string_view trim_blanks(std::string_view s);

}  // namespace spendcast::util
