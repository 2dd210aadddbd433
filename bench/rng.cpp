// Randomness throughput: generator blocks, uniforms and normals per second, in the block
// form the kernel uses (paths contiguous), and the beta quantile of θ draws. Report:
// items_per_second; ns per item = 1e9 / it. The generator benchmarks count one item per
// 128-bit block (one uniform pair): generator_blocks one block per call, uniform_stream a
// block of paths filled as the kernel fills it, on each implementation.
#include <benchmark/benchmark.h>

#include <boost/math/distributions/beta.hpp>
#include <vector>

#include "model/quantile_table.hpp"

#include "random/normal.hpp"
#include "random/normal_pairs.hpp"
#include "random/uniform.hpp"
#include "random/ziggurat.hpp"

namespace {

using namespace spendcast::random;

constexpr std::size_t block = 1024;

// One 128-bit block per call of the scalar generator, as the kernel's scalar draws (event
// effects) call it.
template <class Generator>
void generator_blocks(benchmark::State& state, Generator generate) {
  const StreamKey key = stream_key(1, "bench");
  std::vector<std::uint32_t> out(4 * block);
  std::uint32_t step = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < block; ++i) {
      const Counter r = generate(make_counter(i, step, 0), key);
      for (int w = 0; w < 4; ++w) out[4 * i + w] = r[w];
    }
    ++step;
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * block);
}
BENCHMARK_CAPTURE(generator_blocks, ars5_software,
                  [](Counter c, StreamKey k) { return ars_software(c, k, ars::rounds); });
BENCHMARK_CAPTURE(generator_blocks, ars5, ars5);  // AES-NI where the CPU has it

// A block of paths' uniform pairs, as the kernel fills them, on each implementation.
void uniform_stream(benchmark::State& state, UniformLanes lanes) {
  if (!lanes_available(lanes)) {
    state.SkipWithError("not available on this CPU");
    return;
  }
  const StreamKey key = stream_key(1, "bench");
  std::vector<double> a(block), b(block);
  std::uint32_t step = 0;
  for (auto _ : state) {
    fill_uniform_pairs_on(lanes, key, 0, block, step++, 0, a.data(), b.data());
    benchmark::DoNotOptimize(a.data());
    benchmark::DoNotOptimize(b.data());
  }
  state.SetItemsProcessed(state.iterations() * block);
}
BENCHMARK_CAPTURE(uniform_stream, ars5_software, UniformLanes::software);
BENCHMARK_CAPTURE(uniform_stream, ars5_aesni, UniformLanes::aesni);
BENCHMARK_CAPTURE(uniform_stream, ars5_vaes, UniformLanes::vaes);

void uniforms(benchmark::State& state) {
  const StreamKey key = stream_key(1, "bench");
  std::vector<double> a(block), b(block);
  std::uint32_t step = 0;
  for (auto _ : state) {
    fill_uniform_pairs(key, 0, block, step++, 0, a.data(), b.data());
    benchmark::DoNotOptimize(a.data());
  }
  state.SetItemsProcessed(state.iterations() * 2 * block);
}
BENCHMARK(uniforms);

void normals_inverse_cdf(benchmark::State& state) {
  const StreamKey key = stream_key(1, "bench");
  std::vector<double> a(block), b(block);
  std::uint32_t step = 0;
  for (auto _ : state) {
    fill_uniform_pairs(key, 0, block, step++, 0, a.data(), b.data());
    normal_quantiles(a.data(), a.data(), block);
    normal_quantiles(b.data(), b.data(), block);
    benchmark::DoNotOptimize(a.data());
  }
  state.SetItemsProcessed(state.iterations() * 2 * block);
}
BENCHMARK(normals_inverse_cdf);

void normals_ziggurat(benchmark::State& state) {
  const StreamKey key = stream_key(1, "bench");
  std::vector<double> a(block), b(block);
  std::uint32_t step = 0;
  for (auto _ : state) {
    fill_normal_pairs(key, 0, block, step++, 0, a.data(), b.data());
    benchmark::DoNotOptimize(a.data());
  }
  state.SetItemsProcessed(state.iterations() * 2 * block);
}
BENCHMARK(normals_ziggurat);

void inverse_cdf_transform_only(benchmark::State& state) {
  std::vector<double> u(block), z(block);
  fill_uniforms(stream_key(2, "bench"), 0, block, 0, 0, u.data());
  for (auto _ : state) {
    normal_quantiles(u.data(), z.data(), block);
    benchmark::DoNotOptimize(z.data());
  }
  state.SetItemsProcessed(state.iterations() * block);
}
BENCHMARK(inverse_cdf_transform_only);

// The ziggurat's first-word step alone (the 1.2 % of words it rejects are left undone).
void ziggurat_first_words_only(benchmark::State& state) {
  std::vector<std::uint64_t> u(block), v(block);
  fill_word_pairs(stream_key(2, "bench"), 0, block, 0, 0, u.data(), v.data());
  std::vector<double> z0(block), z1(block);
  std::vector<std::uint32_t> rejected(block);
  for (auto _ : state) {
    benchmark::DoNotOptimize(ziggurat_first_words(u.data(), z0.data(), block, rejected.data()));
    benchmark::DoNotOptimize(ziggurat_first_words(v.data(), z1.data(), block, rejected.data()));
  }
  state.SetItemsProcessed(state.iterations() * 2 * block);
}
BENCHMARK(ziggurat_first_words_only);

// The beta (and PERT) quantile of θ draws: Boost's inverse, in double precision as
// model/distribution.cpp calls it, against the QuantileTable that stands in for it.
using BetaPolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
const boost::math::beta_distribution<double, BetaPolicy> beta_2_5(2.0, 5.0);

void beta_quantile_boost(benchmark::State& state) {
  std::vector<double> u(block), x(block);
  fill_uniforms(stream_key(3, "bench"), 0, block, 0, 0, u.data());
  for (auto _ : state) {
    for (std::size_t i = 0; i < block; ++i) x[i] = boost::math::quantile(beta_2_5, u[i]);
    benchmark::DoNotOptimize(x.data());
  }
  state.SetItemsProcessed(state.iterations() * block);
}
BENCHMARK(beta_quantile_boost);

void beta_quantile_table(benchmark::State& state) {
  const spendcast::model::QuantileTable table(
      [](double p) { return boost::math::quantile(beta_2_5, p); },
      [](double x) { return boost::math::pdf(beta_2_5, x); });
  std::vector<double> u(block), x(block);
  fill_uniforms(stream_key(3, "bench"), 0, block, 0, 0, u.data());
  for (auto _ : state) {
    for (std::size_t i = 0; i < block; ++i) x[i] = table(u[i]);
    benchmark::DoNotOptimize(x.data());
  }
  state.SetItemsProcessed(state.iterations() * block);
}
BENCHMARK(beta_quantile_table);

}  // namespace

BENCHMARK_MAIN();
