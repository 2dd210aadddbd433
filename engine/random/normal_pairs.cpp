#include "random/normal_pairs.hpp"

#include <algorithm>

#include "random/ars.hpp"
#include "random/uniform.hpp"
#include "random/ziggurat.hpp"

namespace spendcast::random {

namespace {

/// A rejected word's further words: the two 64-bit halves of block j, j + 1, … in turn
/// (from block `first_block`, the earlier ones having been used).
class RetryWords {
 public:
  RetryWords(StreamKey key, std::uint64_t path, std::uint32_t step, std::uint32_t draw, int half,
             std::uint32_t first_block = 0)
      : key_(key), counter_(make_counter(path, step, draw)), half_(half), block_(first_block) {}

  std::uint64_t operator()() {
    if (next_ == 2) {
      const Counter r = ars5(counter_, retry_key(key_, half_, block_++));
      words_[0] = low_half(r);
      words_[1] = high_half(r);
      next_ = 0;
    }
    return words_[next_++];
  }

 private:
  StreamKey key_;
  Counter counter_;
  int half_;
  std::uint32_t block_;
  int next_ = 2;
  std::uint64_t words_[2] = {};
};

/// Where a normal's words come from: its pair's address and which half it is.
struct Address {
  StreamKey key;
  std::uint64_t first_path;
  std::uint32_t step;
  std::uint32_t draw;
  int half;
  RetryWords further(std::uint64_t i, std::uint32_t first_block = 0) const {
    return RetryWords(key, first_path + i, step, draw, half, first_block);
  }
};

double signed_x(const ziggurat::Candidate& c) {
  return c.negative ? -c.x : c.x;
}

/// Paths per chunk: the words of a chunk live on the stack.
constexpr std::size_t chunk = 256;

/// The words the first-word step rejected, finished in phases so that their independent
/// generator calls and exps overlap and their common outcomes take no branch: (1) block 0
/// of every such word's further words; (2) for a word in a layer ≥ 1, the wedge test with
/// that block's first word; (3) where the wedge rejects, the block's second word as the
/// new candidate, accepted at once as most are. A word in the tail, or a second candidate
/// not accepted at once, continues in normal_from_rejected from the same point of its
/// sequence. The phases are normal_from_rejected's first two rounds, reordered across
/// words: every result is the value normal_from_rejected gives (a test compares them).
void finish_rejected(const std::uint64_t* words, double* z, const std::uint32_t* rejected,
                     std::size_t count, const Address& at) {
  Counter block[chunk];
  ziggurat::Candidate candidate[chunk];
  double x[chunk], density[chunk];
  for (std::size_t k = 0; k < count; ++k) {
    block[k] = make_counter(at.first_path + rejected[k], at.step, at.draw);
    candidate[k] = ziggurat::candidate(words[rejected[k]]);
    x[k] = candidate[k].x;
  }
  ars5_blocks(block, retry_key(at.key, at.half, 0), block, count);
  ziggurat::densities(x, density, count);
  // The common outcomes without a branch; the rare words that go on are listed.
  std::uint32_t going_on[chunk];
  std::size_t rare = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const ziggurat::Candidate& c = candidate[k];
    const bool in_wedge = c.layer != 0;
    const bool under = in_wedge && ziggurat::wedge_height(c.layer, low_half(block[k])) < density[k];
    const ziggurat::Candidate next = ziggurat::candidate(high_half(block[k]));
    z[rejected[k]] = under ? signed_x(c) : signed_x(next);
    going_on[rare] = static_cast<std::uint32_t>(k);
    rare += !under && !(in_wedge && next.accepted);
  }
  for (std::size_t r = 0; r < rare; ++r) {
    const std::size_t k = going_on[r];
    const std::uint32_t i = rejected[k];
    z[i] = candidate[k].layer == 0 ? normal_from_rejected(words[i], at.further(i))
                                   : normal_from_rejected(high_half(block[k]), at.further(i, 1));
  }
}

/// One half's normals for a chunk: the first-word step, then the rejected words.
void normals_of_words(const std::uint64_t* words, double* z, std::size_t n, const Address& at) {
  std::uint32_t rejected[chunk];
  const std::size_t count = ziggurat_first_words(words, z, n, rejected);
  finish_rejected(words, z, rejected, count, at);
}

double normal_of_word(std::uint64_t word, const Address& at) {
  const ziggurat::Candidate c = ziggurat::candidate(word);
  return c.accepted ? signed_x(c) : normal_from_rejected(word, at.further(0));
}

}  // namespace

StreamKey retry_key(StreamKey key, int half, std::uint32_t j) {
  const std::uint64_t component = (std::uint64_t{key.k3} << 32) | key.k2;
  const std::uint64_t mixed = mix64(component ^ mix64(2 * std::uint64_t{j} + half + 1));
  return {key.k0, key.k1, static_cast<std::uint32_t>(mixed),
          static_cast<std::uint32_t>(mixed >> 32)};
}

NormalPair normal_pair(StreamKey key, std::uint64_t path, std::uint32_t step, std::uint32_t draw) {
  const Counter r = ars5(make_counter(path, step, draw), key);
  return {normal_of_word(low_half(r), {key, path, step, draw, 0}),
          normal_of_word(high_half(r), {key, path, step, draw, 1})};
}

void fill_normal_pairs(StreamKey key, std::uint64_t first_path, std::size_t n, std::uint32_t step,
                       std::uint32_t draw, double* first, double* second) {
  std::uint64_t words_first[chunk], words_second[chunk];
  for (std::size_t begin = 0; begin < n; begin += chunk) {
    const std::size_t m = std::min(chunk, n - begin);
    const std::uint64_t path = first_path + begin;
    fill_word_pairs(key, path, m, step, draw, words_first, second ? words_second : nullptr);
    normals_of_words(words_first, first + begin, m, {key, path, step, draw, 0});
    if (second) normals_of_words(words_second, second + begin, m, {key, path, step, draw, 1});
  }
}

}  // namespace spendcast::random
