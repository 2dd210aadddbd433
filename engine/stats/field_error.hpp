#pragma once

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>

namespace spendcast::stats {

/// A stored state that is not what a run writes, naming the field ("cells[3].sketch.count")
/// relative to the object being read, and what is wrong with it.
class FieldError : public std::invalid_argument {
 public:
  FieldError(std::string field, const std::string& reason)
      : std::invalid_argument(field + ": " + reason), field_(std::move(field)), reason_(reason) {}
  const std::string& field() const { return field_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string field_;
  std::string reason_;
};

/// `read()`, with any error raised while reading turned into a FieldError under `field`:
/// a nested FieldError's field is appended ("sketch" + "count" = "sketch.count"), other
/// errors (nlohmann's type errors, std::invalid_argument) keep their message as the reason.
template <class Read>
auto in_field(const std::string& field, Read&& read) -> decltype(read()) {
  try {
    return read();
  } catch (const FieldError& e) {
    const bool index = !e.field().empty() && e.field().front() == '[';
    throw FieldError(field.empty() ? e.field() : field + (index ? "" : ".") + e.field(),
                     e.reason());
  } catch (const nlohmann::json::exception& e) {
    throw FieldError(field, e.what());
  } catch (const std::invalid_argument& e) {
    throw FieldError(field, e.what());
  } catch (const std::out_of_range& e) {
    throw FieldError(field, e.what());
  }
}

/// `v` as a count when it is a whole number >= 0 (a document parsed from text holds
/// them as unsigned; one built in memory may hold them as signed).
inline bool as_count(const nlohmann::json& v, std::uint64_t& out) {
  if (v.is_number_unsigned()) {
    out = v.get<std::uint64_t>();
    return true;
  }
  if (v.is_number_integer() && v.get<std::int64_t>() >= 0) {
    out = static_cast<std::uint64_t>(v.get<std::int64_t>());
    return true;
  }
  return false;
}

/// j[key] as a count: a non-negative integer (never a negative number cast to a huge one,
/// nor a fraction truncated); a FieldError on `key` otherwise.
inline std::uint64_t read_count(const nlohmann::json& j, const std::string& key) {
  if (!j.is_object() || !j.contains(key)) throw FieldError(key, "missing");
  std::uint64_t count = 0;
  if (!as_count(j.at(key), count))
    throw FieldError(key, "expected a whole number >= 0, got " + j.at(key).dump().substr(0, 40));
  return count;
}

/// j[key] as a finite number; a FieldError on `key` otherwise.
inline double read_finite(const nlohmann::json& j, const std::string& key) {
  if (!j.is_object() || !j.contains(key)) throw FieldError(key, "missing");
  const nlohmann::json& v = j.at(key);
  if (!v.is_number()) throw FieldError(key, "expected a number, got " + v.dump().substr(0, 40));
  const double x = v.get<double>();
  if (!std::isfinite(x)) throw FieldError(key, "not finite");
  return x;
}

/// a + b, or a FieldError on `field` when the sum does not fit in 64 bits.
inline std::uint64_t checked_add(std::uint64_t a, std::uint64_t b, const std::string& field) {
  std::uint64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) throw FieldError(field, "counts add up beyond 2^64");
  return sum;
}

}  // namespace spendcast::stats
