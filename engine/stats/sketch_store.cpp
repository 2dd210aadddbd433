#include "stats/sketch_store.hpp"

#include <algorithm>

namespace spendcast::stats {

namespace {
constexpr std::uint64_t low_mask = SketchStore::headroom - 1;
}  // namespace

void SketchStore::grow(std::uint32_t lo, std::uint32_t hi, std::uint32_t floor,
                       std::uint32_t ceiling, std::uint32_t slack) {
  if (counters_.empty()) {
    first_ = lo;
    counters_.assign(hi - lo + 1, 0);
    return;
  }
  const std::uint32_t last = first_ + static_cast<std::uint32_t>(counters_.size()) - 1;
  if (lo >= first_ && hi <= last) return;
  slack = std::max<std::uint32_t>(slack, static_cast<std::uint32_t>(counters_.size() / 2));
  std::uint32_t new_first = first_, new_last = last;
  if (lo < first_) new_first = lo - std::min(slack, lo - floor);
  if (hi > last) new_last = hi + std::min(slack, ceiling - hi);
  std::vector<Counter> grown(new_last - new_first + 1, 0);
  std::copy(counters_.begin(), counters_.end(), grown.begin() + (first_ - new_first));
  counters_ = std::move(grown);
  first_ = new_first;
}

void SketchStore::carry_all() {
  for (std::size_t k = 0; k < counters_.size(); ++k) {
    const std::uint64_t c = counters_[k];
    if (c <= low_mask) continue;
    counters_[k] = static_cast<Counter>(c & low_mask);
    add_carry(first_ + static_cast<std::uint32_t>(k), c & ~low_mask);
  }
  since_carry_ = 0;
}

void SketchStore::add_carry(std::uint32_t key, std::uint64_t amount) {
  const auto at = std::lower_bound(carries_.begin(), carries_.end(), key,
                                   [](const Carry& c, std::uint32_t k) { return c.key < k; });
  if (at != carries_.end() && at->key == key) {
    at->amount += amount;
  } else {
    carries_.insert(at, Carry{key, amount});
  }
}

std::uint64_t SketchStore::carry_of(std::uint32_t key) const {
  const auto at = std::lower_bound(carries_.begin(), carries_.end(), key,
                                   [](const Carry& c, std::uint32_t k) { return c.key < k; });
  return at != carries_.end() && at->key == key ? at->amount : 0;
}

void SketchStore::add(std::uint32_t key, std::uint64_t c) {
  Counter& counter = counters_[key - first_];
  const std::uint64_t low = counter + (c & low_mask);  // below 2^(low_bits + 2)
  counter = static_cast<Counter>(low & low_mask);
  const std::uint64_t high = (c & ~low_mask) + (low & ~low_mask);
  if (high != 0) add_carry(key, high);
}

void SketchStore::remove_one(std::uint32_t key) {
  Counter& counter = counters_[key - first_];
  if (counter > 0) {
    --counter;
    return;
  }
  // Borrow 2^low_bits from the carry (there is one: the count is positive).
  const auto at = std::lower_bound(carries_.begin(), carries_.end(), key,
                                   [](const Carry& c, std::uint32_t k) { return c.key < k; });
  at->amount -= headroom;
  counter = static_cast<Counter>(low_mask);
  if (at->amount == 0) carries_.erase(at);
}

std::uint64_t SketchStore::count(std::uint32_t key) const {
  if (key < first_ || key - first_ >= counters_.size()) return 0;
  return counters_[key - first_] + carry_of(key);
}

bool SketchStore::nonempty_range(std::uint32_t& first_key, std::uint32_t& last_key) const {
  // A carried key is addressable, and its counter may be 0 after a carry.
  std::size_t a = 0, b = counters_.size();
  while (a < b && counters_[a] == 0) ++a;
  while (b > a && counters_[b - 1] == 0) --b;
  if (!carries_.empty()) {
    const std::size_t front = carries_.front().key - first_, back = carries_.back().key - first_;
    const bool counted = a < b;
    a = counted ? std::min(a, front) : front;
    b = counted ? std::max(b, back + 1) : back + 1;
  }
  if (a >= b) return false;
  first_key = first_ + static_cast<std::uint32_t>(a);
  last_key = first_ + static_cast<std::uint32_t>(b - 1);
  return true;
}

std::vector<std::uint64_t> SketchStore::counts(std::uint32_t lo, std::uint32_t hi) const {
  std::vector<std::uint64_t> out(counters_.begin() + (lo - first_),
                                 counters_.begin() + (hi - first_ + 1));
  for (const Carry& c : carries_)
    if (c.key >= lo && c.key <= hi) out[c.key - lo] += c.amount;
  return out;
}

void SketchStore::assign(std::uint32_t first_key, const std::vector<std::uint64_t>& counts) {
  first_ = first_key;
  counters_.assign(counts.size(), 0);
  carries_.clear();
  since_carry_ = 0;
  for (std::size_t k = 0; k < counts.size(); ++k)
    add(first_key + static_cast<std::uint32_t>(k), counts[k]);
}

std::size_t SketchStore::bytes() const {
  return counters_.capacity() * sizeof(Counter) + carries_.capacity() * sizeof(Carry);
}

}  // namespace spendcast::stats
