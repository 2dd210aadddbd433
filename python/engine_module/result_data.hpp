#pragma once

#include <optional>
#include <string>

namespace spendcast::python {

/// A result as the Python module holds it: the texts the CLI would write for it.
struct ResultData {
  std::string origin;                  ///< the scenario or result file ("<dict>" for a dict)
  std::string json;                    ///< the result JSON, byte for byte `run --json`'s
  std::string csv;                     ///< the tidy CSV, byte for byte `run --csv`'s
  std::optional<std::string> summary;  ///< `run`'s table; absent for a loaded file
};

}  // namespace spendcast::python
