#pragma once

#include <cstdint>
#include <string>

#include "scenario/spec.hpp"

namespace spendcast {

/// How a forecast was made: the "run" object of the result file.
struct RunInfo {
  std::uint64_t paths = 0;
  std::uint64_t seed = 0;
  int threads = 1;
  int steps_per_year = 1;
  Sampling sampling = Sampling::mc;
  bool exact = false;            ///< every value kept (exact quantiles)
  double relative_accuracy = 0;  ///< of the sketches' quantiles (0 when exact)
  double elapsed_s = 0;          ///< wall-clock seconds of the simulation
  double path_steps_per_s = 0;   ///< paths · steps / elapsed_s
  std::string engine_version;    ///< "0.1.0 (git abc123)"
};

/// "mc" or "lhs".
const char* sampling_name(Sampling sampling);

}  // namespace spendcast
