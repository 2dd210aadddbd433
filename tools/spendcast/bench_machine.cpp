#include "bench_machine.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

#include <fstream>
#include <thread>

#include "engine_version.hpp"

#ifndef SPENDCAST_ARCH_NAME
#define SPENDCAST_ARCH_NAME ""
#endif

namespace spendcast::cli {

namespace {

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (!line.starts_with("model name")) continue;
    const auto colon = line.find(':');
    if (colon == std::string::npos) break;
    const auto start = line.find_first_not_of(' ', colon + 1);
    return start == std::string::npos ? "unknown" : line.substr(start);
  }
  return "unknown";
}

/// The vector extensions this translation unit was compiled for (the project's code shares
/// its -march).
std::string compiled_extensions() {
  std::string set;
  const auto add = [&](const char* name) { set += set.empty() ? name : std::string(" ") + name; };
#if defined(__AVX512F__)
  add("avx512f");
#endif
#if defined(__AVX2__)
  add("avx2");
#endif
#if defined(__FMA__)
  add("fma");
#endif
#if defined(__AVX__) && !defined(__AVX2__)
  add("avx");
#endif
#if defined(__SSE4_2__) && !defined(__AVX__)
  add("sse4.2");
#endif
#if defined(__SSE2__) && !defined(__SSE4_2__)
  add("sse2");
#endif
#if defined(__ARM_NEON)
  add("neon");
#endif
  return set.empty() ? "scalar" : set;
}

}  // namespace

MachineDescription this_machine() {
  MachineDescription m;
  m.cpu = cpu_model();
  m.logical_cores = static_cast<int>(std::thread::hardware_concurrency());
  m.arch = *SPENDCAST_ARCH_NAME ? SPENDCAST_ARCH_NAME : "default";
  m.instruction_set = compiled_extensions();
  m.engine_version = engine_version();
  return m;
}

nlohmann::json MachineDescription::to_json() const {
  return {{"cpu", cpu},
          {"logical_cores", logical_cores},
          {"arch", arch},
          {"instruction_set", instruction_set},
          {"engine_version", engine_version}};
}

MachineDescription MachineDescription::from_json(const nlohmann::json& j) {
  MachineDescription m;
  if (!j.is_object()) return m;
  const auto text = [&](const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
  };
  m.cpu = text("cpu");
  m.arch = text("arch");
  m.instruction_set = text("instruction_set");
  m.engine_version = text("engine_version");
  if (j.contains("logical_cores") && j["logical_cores"].is_number_integer())
    m.logical_cores = j["logical_cores"].get<int>();
  return m;
}

std::string MachineDescription::describe() const {
  return fmt::format(
      "machine: {}, {} logical cores\n"
      "build:   spendcast {}, -march={} ({})\n",
      cpu, logical_cores, engine_version, arch, instruction_set);
}

std::uint64_t peak_memory_bytes() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // Linux: kilobytes
}

}  // namespace spendcast::cli
