#include "report/state_checksum.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <nlohmann/json.hpp>

namespace spendcast {

std::string state_checksum(const nlohmann::json& state) {
  std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a 64 offset basis
  for (const char c : state.dump()) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;  // FNV-1a 64 prime
  }
  return fmt::format("fnv1a64:{:016x}", h);
}

}  // namespace spendcast
