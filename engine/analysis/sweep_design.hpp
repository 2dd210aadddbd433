#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/diagnostic.hpp"
#include "scenario/file_reader.hpp"
#include "scenario/spec.hpp"

namespace spendcast::analysis {

/// One `--vary KEY=V1,V2,...`: a scenario key and the values it takes, each in any form
/// `--set` accepts (docs/ANALYSIS.md, "Sweeps").
struct SweepFactor {
  std::string text;                 ///< the option's value as given
  int position = 0;                 ///< 1-based, among the --vary options
  std::string key;                  ///< dotted key, as for --set
  std::vector<std::string> values;  ///< TOML values, as for --set

  /// How messages name it: "--vary KEY=V1,V2 (--vary 2)", control characters escaped.
  std::string origin() const;
};

/// How the factors' values combine into variants.
enum class SweepLayout {
  grid,  ///< every combination (Cartesian product; the first --vary varies slowest)
  zip    ///< the k-th value of every factor together (equal lengths)
};

/// "grid" or "zip".
std::string sweep_layout_name(SweepLayout layout);

/// A sweep's factors and its variants: per variant, the index of each factor's value.
struct SweepDesign {
  std::vector<SweepFactor> factors;
  SweepLayout layout = SweepLayout::grid;
  std::vector<std::vector<std::size_t>> variants;

  /// Variant v's values, one per factor.
  std::vector<std::string> values(std::size_t v) const;
  /// Variant v's assignments "KEY=VALUE", one per factor (as --set takes them).
  std::vector<std::string> assignments(std::size_t v) const;
};

/// `text` split at its top-level commas: those outside "quotes", 'quotes', (), [] and {}
/// ("normal(0.3, 0.1),0.2" is two values); each part trimmed of spaces.
std::vector<std::string> split_top_level(std::string_view text);

/// Reads one --vary (its text and 1-based position). Throws ScenarioError naming the --vary
/// when it is not KEY=V1,V2,..., when the list or a value is empty, or when the key is the
/// paths or the seed (every variant runs the same ones: --paths, --seed).
SweepFactor parse_vary(const std::string& text, int position);

/// Number of variants: the product of the lengths (grid; saturates at 2^64 - 1) or the
/// common length (zip; the longest when they differ).
std::uint64_t variant_count(const std::vector<SweepFactor>& factors, SweepLayout layout);

/// The design: at least one factor, each key once, zip lists of equal lengths; otherwise
/// throws ScenarioError naming the --vary options involved.
SweepDesign make_sweep_design(std::vector<SweepFactor> factors, SweepLayout layout);

/// A sweep's scenarios, loaded and validated (all before anything runs).
struct SweepScenarios {
  std::vector<scenario::ScenarioSpec> variants;  ///< one per design variant, in order
  std::vector<scenario::Diagnostic>
      warnings;  ///< of the scenario and of each factor value, once each
};

/// Loads the scenario at `path` with `overrides` (the command's --set, --paths, ...), then
/// each factor's values on their own, then every variant (the overrides, then the variant's
/// assignments); each spec's `overrides` is `shown_overrides` plus the variant's
/// assignments. Throws the scenario's own ScenarioError when it is invalid without the
/// sweep; otherwise every refused value, each diagnostic named by its --vary and value
/// ("--vary KEY=V1,V2 (--vary 1): error: value 2 of 2 (V2): KEY: ...") or by its variant
/// ("variant 3 of 4 (K1=V, K2=W): ..."), in one ScenarioError.
SweepScenarios load_sweep_scenarios(
    const std::string& path, const std::vector<std::string>& overrides,
    const std::vector<std::string>& shown_overrides, const SweepDesign& design,
    const scenario::FileReader& reader = scenario::filesystem_reader());

}  // namespace spendcast::analysis
