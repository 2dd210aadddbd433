#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "scenario/diagnostics.hpp"
#include "scenario/document.hpp"
#include "scenario/fields.hpp"
#include "scenario/spec.hpp"
#include "scenario/value_forms.hpp"

namespace spendcast::scenario {

/// Validates a merged document (after extends and --set) and builds the spec, reporting
/// every problem to `diagnostics`. `origin` is the file given by the user (the scenario
/// name defaults to its stem). The spec is meaningful only when no error was reported.
ScenarioSpec build_spec(const DocValue& doc, const std::string& origin, Diagnostics& diagnostics);

/// The most categories a composition may have (observed, Other and entrants).
inline constexpr std::size_t max_categories = 100;
/// The most [[event]] entries.
inline constexpr std::size_t max_events = 1000;
/// The most [[correlation]] entries.
inline constexpr std::size_t max_correlations = 100;
/// Observed shares may sum to at most 1 + share_tolerance; below 1 - share_tolerance the
/// residual becomes the category "Other".
inline constexpr double share_tolerance = 1e-9;
/// A starting momentum taken from the data larger than this in size (per year) is a
/// warning; the residual Other's limit is ln 2.
inline constexpr double extreme_momentum = 1.0;

/// An entrant as declared, for the check against events.
struct EntrantRef {
  std::string kind;                             ///< "vendors" or "segments"
  std::string name;                             ///< the entrant category
  std::string entry_event;                      ///< the event that should enter it
  const DocValue* entry_event_value = nullptr;  ///< where entry_event is written
  std::string path;                             ///< "vendors.entrants[0].entry_event"
};

/// What the section readers share while one document is validated.
struct ValidationContext {
  /// Starts validating `document`, reporting to `d`.
  ValidationContext(const DocValue& document, Diagnostics& d)
      : doc(document), diagnostics(d), root(&document, "", document.where, d) {}

  const DocValue& doc;               ///< the merged document
  Diagnostics& diagnostics;          ///< where problems go
  Section root;                      ///< the document's root table
  ScenarioSpec spec;                 ///< what has been read so far
  std::map<int, double> spend_data;  ///< observed spend by year
  bool base_year_ok = false;         ///< spec.simulation.base_year is valid
  bool horizon_ok = false;           ///< spec.simulation.horizon is valid too
  bool base_spend_ok = false;        ///< D(Y0) is known
  std::vector<EntrantRef> entrants;
  std::set<std::string> invalid_thetas;  ///< θ names whose value had an error
  /// Compositions ("vendors", "segments") whose categories could not be established;
  /// names that refer to their categories are not checked (the cause is reported).
  std::set<std::string> failed_compositions;

  /// Reads θ `name` (a per-path parameter) at `value`; a failure is remembered so that
  /// [[correlation]] does not report it twice.
  DistSpec theta(const std::string& name, const DocValue& value, const ValueRange& range);
  /// An optional θ, `key` of `section` (its name is the key's path, its range the key's):
  /// empty when absent.
  std::optional<DistSpec> optional_theta(const Section& section, const KeySpec& key);
  /// A required θ, `key` of `section`; a missing one is reported at the section.
  DistSpec required_theta(const Section& section, const KeySpec& key);
};

/// Reports "PATH: invalid value (got VALUE; expected EXPECTED)" at the value.
void report_invalid(const DocValue& value, const std::string& path, std::string_view expected,
                    Diagnostics& diagnostics);

/// Reports an unknown name: "PATH: unknown WHAT (got "X"); did you mean 'Y'?", or with
/// "expected one of: ..." when nothing is close.
void report_unknown_name(const SourcePosition& where, const std::string& path,
                         std::string_view what, const std::string& name,
                         const std::vector<std::string>& candidates, Diagnostics& diagnostics);

/// "a year from 1000 to 9999": the years a scenario may name.
inline constexpr int min_year = 1000;
/// The last year a scenario may name.
inline constexpr int max_year = 9999;

/// Reads [data] source and spend, then [simulation] (base_year defaults to the last
/// observed spend year).
void read_data_and_simulation(ValidationContext& ctx);
/// Reads [spend] with the observed growth from data.spend.
void read_spend(ValidationContext& ctx);
/// Reads data.<kind> and [<kind>] ("vendors" or "segments") into a composition.
std::optional<CompositionSpec> read_composition(ValidationContext& ctx, const std::string& kind);
/// Checks vendors.of against the segments.
void check_vendors_of(ValidationContext& ctx);
/// Reads every [[event]].
void read_events(ValidationContext& ctx);
/// Checks that each entrant's entry_event is an event that enters it.
void check_entrants(ValidationContext& ctx);
/// Reads [[correlation]] between θs and checks the copula matrix.
void read_theta_correlations(ValidationContext& ctx);
/// Reads [report].
void read_report(ValidationContext& ctx);

/// Parses a table key as a year ("2024"); empty when it is not one.
std::optional<int> parse_year_key(std::string_view key);

}  // namespace spendcast::scenario
