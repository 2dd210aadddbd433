#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace spendcast::cli {

/// The machine and build a benchmark ran on (`spendcast bench`): what makes two timings
/// comparable, or not.
struct MachineDescription {
  std::string cpu;              ///< "model name" of /proc/cpuinfo ("unknown" elsewhere)
  int logical_cores = 0;        ///< std::thread::hardware_concurrency
  std::string arch;             ///< the -march the build targets (CMake's SPENDCAST_ARCH)
  std::string instruction_set;  ///< the vector extensions compiled in: "avx2 fma", ...
  std::string engine_version;   ///< "0.1.0 (git fa5ebf8)"

  /// As JSON (the "machine" object of a bench result).
  nlohmann::json to_json() const;
  /// From that JSON; missing keys stay empty.
  static MachineDescription from_json(const nlohmann::json& j);
  /// The lines of the output's header, each ending in '\n'.
  std::string describe() const;
};

/// This machine and this build.
MachineDescription this_machine();

/// The process's peak resident memory so far in bytes (getrusage's ru_maxrss: a high-water
/// mark over the whole process, so it only grows from one scenario to the next).
std::uint64_t peak_memory_bytes();

}  // namespace spendcast::cli
