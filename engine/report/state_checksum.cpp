#include "report/state_checksum.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>

namespace spendcast::report {

namespace {

/// FNV-1a 64 of the characters written to it: the canonical text hashed as it is made,
/// never held (a state's text is megabytes).
class HashingOutput : public nlohmann::detail::output_adapter_protocol<char> {
 public:
  void write_character(char c) override { add(c); }
  void write_characters(const char* s, std::size_t length) override {
    for (std::size_t i = 0; i < length; ++i) add(s[i]);
  }
  std::uint64_t hash() const { return h_; }

 private:
  void add(char c) {
    h_ ^= static_cast<unsigned char>(c);
    h_ *= 0x100000001b3ull;  // FNV-1a 64 prime
  }
  std::uint64_t h_ = 0xcbf29ce484222325ull;  // FNV-1a 64 offset basis
};

}  // namespace

std::string state_checksum(const nlohmann::json& state) {
  auto out = std::make_shared<HashingOutput>();
  // What state.dump() writes: compact, keys sorted, no ASCII escaping, strict UTF-8.
  nlohmann::detail::serializer<nlohmann::json> serializer(out, ' ');
  serializer.dump(state, false, false, 0);
  return fmt::format("fnv1a64:{:016x}", out->hash());
}

}  // namespace spendcast::report
