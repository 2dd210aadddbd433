#include "scenario/format_keys.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

namespace spendcast::scenario {

namespace {

constexpr std::string_view value_expected = "a number, \"LO to HI\" or { dist = ... }";

/// Integers from lo to hi, both included.
constexpr ValueRange integers(double lo, double hi) {
  return ValueRange{lo, hi, false, false};
}
/// Correlations: [-1, 1].
constexpr ValueRange correlation_range{-1.0, 1.0, false, false};
/// Years a scenario may name (validate.hpp's min_year, max_year).
constexpr ValueRange year_range = integers(1000, 9999);
/// Event windows and horizons: up to 50 years after the last base year.
constexpr ValueRange window_range = integers(1000, 9999 + 50);

// ---- the { dist = ... } forms -------------------------------------------------------------

constexpr std::array<std::string_view, 7> dist_names = {
    "normal", "lognormal", "uniform", "triangular", "pert", "beta", "discrete"};

constexpr KeySpec dist_key{
    "dist",
    Form::text_choice,
    "The distribution: its other keys are its parameters.",
    "the distribution: normal, lognormal, uniform, triangular, pert, beta or discrete",
    any_real,
    true,
    nullptr,
    dist_names};
constexpr KeySpec truncate_key{"truncate", Form::bounds,
                               "Optional [lo, hi]: draws are restricted to this interval (lo < "
                               "hi, both inside the distribution's support, positive mass).",
                               "[lo, hi], two numbers with lo < hi"};
constexpr KeySpec min_key{"min", Form::number, "The smallest value.", "a number", any_real, true};
constexpr KeySpec max_key{
    "max", Form::number, "The largest value (max > min).", "a number > min", any_real, true};
constexpr KeySpec mode_key{
    "mode",   Form::number, "The most likely value, from min to max.", "a number from min to max",
    any_real, true};

constexpr std::array normal_spec{
    dist_key, KeySpec{"mean", Form::number, "The mean.", "a number", any_real, true},
    KeySpec{"sd", Form::number, "The standard deviation (> 0; a zero spread is a constant).",
            "a number > 0", positive, true},
    truncate_key};
constexpr std::array lognormal_spec{
    dist_key,
    KeySpec{"p5", Form::number, "The 5th percentile (> 0); give it with p95.", "a number > 0",
            positive},
    KeySpec{"p95", Form::number, "The 95th percentile (> p5); give it with p5.", "a number > p5"},
    KeySpec{"median", Form::number, "The median (> 0); give it with sigma.", "a number > 0",
            positive},
    KeySpec{"mu", Form::number, "The mean of ln x; give it with sigma.", "a number"},
    KeySpec{"sigma", Form::number,
            "The standard deviation of ln x (> 0); give it with median or mu.", "a number > 0",
            positive},
    truncate_key};
constexpr std::array<std::array<std::string_view, 2>, 3> lognormal_pair_list{
    {{"p5", "p95"}, {"median", "sigma"}, {"mu", "sigma"}}};

constexpr std::array uniform_spec{dist_key, min_key, max_key, truncate_key};
constexpr std::array triangular_spec{dist_key, min_key, mode_key, max_key, truncate_key};
constexpr std::array beta_spec{
    dist_key,
    KeySpec{"alpha", Form::number, "The first shape parameter (> 0).", "a number > 0", positive,
            true},
    KeySpec{"beta", Form::number, "The second shape parameter (> 0).", "a number > 0", positive,
            true},
    KeySpec{"min", Form::number, "Rescales the beta from [0, 1] to [min, max]; default 0.",
            "a number"},
    KeySpec{"max", Form::number, "Rescales the beta from [0, 1] to [min, max]; default 1.",
            "a number > min"},
    truncate_key};
constexpr std::array discrete_spec{
    dist_key,
    KeySpec{"values", Form::numbers, "The values drawn, in order.", "an array of numbers", any_real,
            true},
    KeySpec{"weights", Form::weights,
            "One weight >= 0 per value (a positive sum; need not sum to 1).",
            "an array of weights >= 0, one per value", non_negative, true},
    truncate_key};

constexpr KeyTable normal_table{"{ dist = \"normal\" }", "A normal distribution.", normal_spec};
constexpr KeyTable lognormal_table{
    "{ dist = \"lognormal\" }",
    "A lognormal distribution, by one pair: p5 + p95, median + sigma, or mu + sigma.",
    lognormal_spec};
constexpr KeyTable uniform_table{"{ dist = \"uniform\" }", "A uniform distribution on [min, max].",
                                 uniform_spec};
constexpr KeyTable triangular_table{"{ dist = \"triangular\" }",
                                    "A triangular distribution on [min, max] with its mode.",
                                    triangular_spec};
constexpr KeyTable pert_table{"{ dist = \"pert\" }",
                              "A PERT distribution: a beta on [min, max] with its mode "
                              "(lambda = 4).",
                              triangular_spec};
constexpr KeyTable beta_table{"{ dist = \"beta\" }", "A beta distribution, optionally rescaled.",
                              beta_spec};
constexpr KeyTable discrete_table{"{ dist = \"discrete\" }",
                                  "A discrete distribution: values with weights.", discrete_spec};

constexpr std::array<DistForm, 7> dist_form_list{{{"normal", &normal_table},
                                                  {"lognormal", &lognormal_table},
                                                  {"uniform", &uniform_table},
                                                  {"triangular", &triangular_table},
                                                  {"pert", &pert_table},
                                                  {"beta", &beta_table},
                                                  {"discrete", &discrete_table}}};

// ---- [scenario], [simulation], [data] ------------------------------------------------------

constexpr std::array scenario_spec{
    KeySpec{"name", Form::scenario_name,
            "The scenario's name: lowercase letters, digits and '-'. Reports use it; it is never "
            "inherited. Default: the file name without its extension, when that is a valid name.",
            "a name of lowercase letters, digits and '-', e.g. \"bubble-burst\""},
    KeySpec{"title", Form::text, "A one-line title. Default: empty.", "a string"},
    KeySpec{"description", Form::text, "What the scenario says, in prose. Default: empty.",
            "a string"},
    KeySpec{"extends", Form::paths,
            "The parent scenario file (or a list, merged left to right), relative to this file: "
            "its keys are merged first, this file's replace them.",
            "a path or a list of paths"}};

constexpr std::array<std::string_view, 4> steps_choices = {"1", "2", "4", "12"};
constexpr std::array<std::string_view, 2> sampling_choices = {"mc", "lhs"};

constexpr std::array simulation_spec{
    KeySpec{"base_year", Form::integer,
            "Y0, the last observed year: the simulation starts from its data. Default: the last "
            "year of data.spend.",
            "a year from 1000 to 9999", year_range},
    KeySpec{"horizon", Form::integer,
            "H, the last projected year: after base_year, at most 50 years later.",
            "the last projected year, an integer after base_year", window_range, true},
    KeySpec{"steps_per_year", Form::integer_choice,
            "Simulation steps per year: 1, 2, 4 or 12. Default: 1.", "1, 2, 4 or 12", any_real,
            false, nullptr, steps_choices},
    KeySpec{"paths", Form::integer, "How many Monte Carlo paths, 1 to 10^10. Default: 10000.",
            "an integer from 1 to 10000000000", integers(1, 1e10)},
    KeySpec{"seed", Form::seed,
            "The random seed, 0 to 2^64 - 1 (the same seed gives the same noise on every path). "
            "Above 2^63 - 1 write it as a string of digits. Default: 0.",
            "an integer from 0 to 18446744073709551615; above 9223372036854775807 write it as a "
            "string of digits, seed = \"18446744073709551615\""},
    KeySpec{"sampling", Form::text_choice,
            "How the per-path parameters are drawn: \"mc\" (independent) or \"lhs\" (Latin "
            "hypercube). Default: \"mc\".",
            "\"mc\" or \"lhs\"", any_real, false, nullptr, sampling_choices}};

constexpr std::array data_spec{
    KeySpec{"source", Form::text, "Where the observed data come from. Default: empty.", "a string"},
    KeySpec{"spend", Form::spend_by_year,
            "Observed spend by year, in USD billions (> 0): { 2023 = 2.3, 2024 = 13.8 }. Needs "
            "the base year.",
            "observed spend by year, spend = { 2024 = 13.8 }", positive, true},
    KeySpec{"vendors", Form::shares_by_year,
            "Observed vendor shares by year: { 2024 = { OpenAI = 0.34, ... } }. Base-year shares "
            "are in (0, 1]; the residual below 1 becomes the category Other.",
            "shares by year, { 2024 = { Name = 0.25, ... } }"},
    KeySpec{"segments", Form::shares_by_year,
            "Observed segment shares by year: { 2024 = { models = 0.25, ... } }. Base-year shares "
            "are in (0, 1]; the residual below 1 becomes the category Other.",
            "shares by year, { 2024 = { Name = 0.25, ... } }"}};

// ---- [spend] ------------------------------------------------------------------------------

constexpr std::array spend_spec{
    KeySpec{"long_run_growth", Form::value,
            "g-bar, the long-run growth rate of log spend per year (a per-path parameter).",
            value_expected, any_real, true},
    KeySpec{"persistence", Form::value,
            "phi in [0, 1]: how much of the growth rate's deviation from the long run persists "
            "each year.",
            value_expected, unit_interval, true},
    KeySpec{"volatility", Form::value, "sigma >= 0: the volatility of log spend per year.",
            value_expected, non_negative, true},
    KeySpec{"growth_volatility", Form::value,
            "tau >= 0: the volatility of the growth rate per year. Default: 0.", value_expected,
            non_negative},
    KeySpec{"ceiling", Form::value,
            "K > 0, in USD billions: the level spend approaches (logistic). Default: none. A "
            "median below the base year's spend is an error unless allow_ceiling_below_spend.",
            value_expected, positive},
    KeySpec{"allow_ceiling_below_spend", Form::boolean,
            "true when a ceiling below the base year's spend is meant (spend falls toward it). "
            "Default: false.",
            "true or false"},
    KeySpec{"initial_growth", Form::value,
            "The growth rate into the base year. Default: ln(D(Y0)/D(Y0-1)) from data.spend; "
            "required when the year before the base year is not observed.",
            value_expected}};

// ---- [vendors], [segments] ----------------------------------------------------------------

constexpr std::array composition_correlation_spec{
    KeySpec{"uniform", Form::number,
            "Every off-diagonal correlation of the category share shocks, in [-1, 1].",
            "a correlation from -1 to 1", correlation_range},
    KeySpec{"pairs", Form::rho_pairs,
            "Single correlations, [[\"A\", \"B\", rho], ...], overriding uniform; rho in [-1, 1].",
            "an array of [name, name, rho]", correlation_range}};
constexpr KeyTable composition_correlation_table{
    "correlation", "The correlation of the categories' share shocks (positive definite).",
    composition_correlation_spec};

constexpr std::array entrant_spec{
    KeySpec{"name", Form::identifier,
            "The entrant's category name (letters, digits, '_' and '-'), not already a category.",
            "the entrant's name", any_real, true},
    KeySpec{"entry_event", Form::identifier,
            "The [[event]] whose firing enters it (that event says enters = this name).",
            "the name of the [[event]] that enters it", any_real, true}};
constexpr KeyTable entrant_table{"entrants", "A category that enters when an event fires.",
                                 entrant_spec};

/// The keys [vendors] and [segments] share, in the order messages list them.
constexpr std::array composition_spec{
    KeySpec{"persistence", Form::value,
            "phi in [0, 1]: how much of each category's share momentum persists each year.",
            value_expected, unit_interval, true},
    KeySpec{"volatility", Form::value, "nu >= 0: the volatility of the share shocks per year.",
            value_expected, non_negative, true},
    KeySpec{"diversification", Form::value,
            "lambda >= 0: the pull of every share toward equal shares per year. Default: 0.",
            value_expected, non_negative},
    KeySpec{"drift", Form::named_values,
            "A drift per category (name = value, per year); Other and entrants included. "
            "Default: 0.",
            "a table of name = value"},
    KeySpec{"initial_momentum", Form::named_values,
            "The starting momentum per category (name = value, per year), replacing the one "
            "observed in the data.",
            "a table of name = value"},
    KeySpec{"correlation", Form::table,
            "The correlation of the share shocks: { uniform = r } and/or { pairs = [[a, b, r], "
            "...] }.",
            "a table", any_real, false, &composition_correlation_table},
    KeySpec{"entrants", Form::table_array,
            "Categories that enter later: [{ name = \"...\", entry_event = \"...\" }].",
            "an array of { name = ..., entry_event = ... }", any_real, false, &entrant_table}};

/// `first`, then the keys of `rest`.
template <std::size_t N, std::size_t... I>
constexpr std::array<KeySpec, N + 1> prepend(const KeySpec& first,
                                             const std::array<KeySpec, N>& rest,
                                             std::index_sequence<I...>) {
  return {first, rest[I]...};
}

constexpr std::array vendors_spec =
    prepend(KeySpec{"of", Form::identifier,
                    "The segment the vendors split (else total spend); needs [segments].",
                    "a segment name"},
            composition_spec, std::make_index_sequence<composition_spec.size()>());

// ---- [[event]], [[correlation]], [report] -------------------------------------------------

constexpr std::array event_spec{
    KeySpec{"name", Form::identifier,
            "The event's name (letters, digits, '_' and '-'), unique in the file; a child's "
            "event with the same name replaces the parent's.",
            "the event's name, e.g. name = \"correction\"", any_real, true},
    KeySpec{"description", Form::text, "What the event is.", "a string"},
    KeySpec{"hazard", Form::value, "The probability per year that it fires, in [0, 1].",
            value_expected, unit_interval, true},
    KeySpec{"from", Form::integer,
            "The first calendar year it may fire. Default: base_year + 1 (earlier years are "
            "clipped to it).",
            "a projected year", window_range},
    KeySpec{"until", Form::integer,
            "The last calendar year it may fire, from `from` to the horizon. Default: the "
            "horizon.",
            "a projected year", window_range},
    KeySpec{"max_count", Form::integer, "How many times it may fire per path, 1 to 10^6.",
            "an integer from 1 to 1000000", integers(1, 1e6)},
    KeySpec{"spend_jump", Form::value, "Multiplies spend when it fires (> 0).", value_expected,
            positive},
    KeySpec{"growth_shift", Form::value,
            "Added to the long-run growth when it fires (for `duration` years).", value_expected},
    KeySpec{"duration", Form::value, "How many years the growth_shift lasts (> 0).", value_expected,
            positive},
    KeySpec{"share_shift", Form::named_values,
            "Added to the named vendors' or segments' log shares when it fires.",
            "a table of name = value"},
    KeySpec{"momentum_shift", Form::named_values,
            "Added to the named vendors' or segments' share momentum when it fires.",
            "a table of name = value"},
    KeySpec{"enters", Form::identifier,
            "The entrant it enters (declared in vendors.entrants or segments.entrants); needs "
            "entry_share.",
            "an entrant's name"},
    KeySpec{"entry_share", Form::value, "The entrant's share on entry, in (0, 1); needs enters.",
            value_expected, open_unit},
    KeySpec{"remove", Form::boolean,
            "true in a child scenario drops the parent's event of the same name.",
            "true or false"}};
constexpr KeyTable event_table{"[[event]]", "Something that may happen: a hazard and its effects.",
                               event_spec};

constexpr std::array correlation_spec{
    KeySpec{"between", Form::name_pair,
            "Two different per-path parameters, [\"spend.persistence\", "
            "\"vendors.persistence\"] (docs/MODEL.md §1).",
            "two parameter names, [\"spend.persistence\", \"vendors.persistence\"]", any_real,
            true},
    KeySpec{"rho", Form::number, "Their correlation (Gaussian copula), in [-1, 1].",
            "a correlation from -1 to 1", correlation_range, true}};
constexpr KeyTable correlation_table{
    "[[correlation]]", "A correlation between two per-path parameters.", correlation_spec};

constexpr std::array report_spec{
    KeySpec{"quantiles", Form::probabilities,
            "The quantiles reported: increasing probabilities in (0, 1).",
            "an array of increasing probabilities in (0, 1)", open_unit},
    KeySpec{"thresholds", Form::thresholds,
            "Per metric, values whose exceedance probability P(metric >= value) is reported: { "
            "spend = [50, 100], \"share.Anthropic\" = [0.3] }.",
            "a table of metric = [numbers]"}};

constexpr KeyTable scenario_table{"[scenario]", "The scenario's name, title and parent.",
                                  scenario_spec};
constexpr KeyTable simulation_table{"[simulation]", "The years simulated and how.",
                                    simulation_spec};
constexpr KeyTable data_table{"[data]", "Observed history: spend and shares by year.", data_spec};
constexpr KeyTable spend_table{"[spend]", "The model of total spend (docs/MODEL.md §2).",
                               spend_spec};
constexpr KeyTable vendors_table{
    "[vendors]", "The model of vendor shares (docs/MODEL.md §3); needs data.vendors.",
    vendors_spec};
constexpr KeyTable segments_table{
    "[segments]", "The model of segment shares (docs/MODEL.md §3); needs data.segments.",
    composition_spec};
constexpr KeyTable report_table{"[report]", "What the reports show.", report_spec};

constexpr std::array root_spec{
    KeySpec{"scenario", Form::table, scenario_table.doc, "a table", any_real, false,
            &scenario_table},
    KeySpec{"simulation", Form::table, simulation_table.doc, "a table", any_real, false,
            &simulation_table},
    KeySpec{"data", Form::table, data_table.doc, "a table", any_real, false, &data_table},
    KeySpec{"spend", Form::table, spend_table.doc, "a table", any_real, false, &spend_table},
    KeySpec{"vendors", Form::table, vendors_table.doc, "a table", any_real, false, &vendors_table},
    KeySpec{"segments", Form::table, segments_table.doc, "a table", any_real, false,
            &segments_table},
    KeySpec{"event", Form::table_array, event_table.doc, "an array of tables, [[event]]", any_real,
            false, &event_table},
    KeySpec{"correlation", Form::table_array, correlation_table.doc,
            "an array of tables, [[correlation]]", any_real, false, &correlation_table},
    KeySpec{"report", Form::table, report_table.doc, "a table", any_real, false, &report_table}};
constexpr KeyTable root_table{"scenario file",
                              "A spendcast scenario (docs/SCENARIO-FORMAT.md). Keys are optional "
                              "here: a file may extend another, so required keys are checked by "
                              "`spendcast validate` on the resolved scenario.",
                              root_spec};

}  // namespace

std::vector<std::string> KeyTable::names() const {
  std::vector<std::string> out;
  for (const KeySpec& k : keys) out.emplace_back(k.key);
  return out;
}

const KeySpec& KeyTable::operator[](std::string_view key) const {
  for (const KeySpec& k : keys)
    if (k.key == key) return k;
  throw std::logic_error(fmt::format("{} has no key '{}'", name, key));
}

bool is_choice(const KeySpec& key, std::string_view text) {
  return std::find(key.choices.begin(), key.choices.end(), text) != key.choices.end();
}

const KeyTable& root_keys() {
  return root_table;
}
const KeyTable& scenario_keys() {
  return scenario_table;
}
const KeyTable& simulation_keys() {
  return simulation_table;
}
const KeyTable& data_keys() {
  return data_table;
}
const KeyTable& spend_keys() {
  return spend_table;
}
const KeyTable& composition_keys(std::string_view kind) {
  return kind == "vendors" ? vendors_table : segments_table;
}
const KeyTable& composition_correlation_keys() {
  return composition_correlation_table;
}
const KeyTable& entrant_keys() {
  return entrant_table;
}
const KeyTable& event_keys() {
  return event_table;
}
const KeyTable& correlation_keys() {
  return correlation_table;
}
const KeyTable& report_keys() {
  return report_table;
}

std::span<const DistForm> dist_forms() {
  return dist_form_list;
}

const KeyTable* dist_keys(std::string_view name) {
  for (const DistForm& f : dist_form_list)
    if (f.name == name) return f.keys;
  return nullptr;
}

std::span<const std::array<std::string_view, 2>> lognormal_pairs() {
  return lognormal_pair_list;
}

std::vector<std::string> all_dist_key_names() {
  // The order messages list them in: dist, each distribution's parameters, truncate last.
  std::vector<std::string> out;
  for (const DistForm& f : dist_form_list)
    for (const KeySpec& k : f.keys->keys)
      if (k.key != "truncate" && std::find(out.begin(), out.end(), k.key) == out.end())
        out.emplace_back(k.key);
  out.emplace_back("truncate");
  return out;
}

}  // namespace spendcast::scenario
