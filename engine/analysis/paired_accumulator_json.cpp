#include <nlohmann/json.hpp>
#include <string>

#include "analysis/paired_accumulator.hpp"
#include "stats/field_error.hpp"

namespace spendcast::analysis {

nlohmann::json PairedAccumulator::to_json() const {
  nlohmann::json parts = nlohmann::json::array();
  for (const Part& p : parts_)
    parts.push_back({{"first", p.first.to_json()},
                     {"second", p.second.to_json()},
                     {"difference", p.difference.to_json()},
                     {"ratio", p.ratio.to_json()},
                     {"difference_moments", p.difference_moments.to_json()},
                     {"greater", p.greater},
                     {"less", p.less}});
  return {{"paths", paths_}, {"parts", std::move(parts)}};
}

void PairedAccumulator::merge_json(const nlohmann::json& j) {
  PairedAccumulator other(cells_, relative_accuracy_);
  if (!j.is_object() || !j.contains("parts") || !j.at("parts").is_array() ||
      j.at("parts").size() != cells_.size())
    throw stats::FieldError("parts",
                            "expected an array of " + std::to_string(cells_.size()) + " parts");
  const nlohmann::json& parts = j.at("parts");
  other.paths_ = stats::read_count(j, "paths");
  for (std::size_t k = 0; k < cells_.size(); ++k)
    stats::in_field("parts[" + std::to_string(k) + "]", [&] {
      const nlohmann::json& p = parts[k];
      Part& part = other.parts_[k];
      part.first =
          stats::in_field("first", [&] { return stats::QuantileSketch::from_json(p.at("first")); });
      part.second = stats::in_field(
          "second", [&] { return stats::QuantileSketch::from_json(p.at("second")); });
      part.difference = stats::in_field(
          "difference", [&] { return stats::QuantileSketch::from_json(p.at("difference")); });
      part.ratio =
          stats::in_field("ratio", [&] { return stats::QuantileSketch::from_json(p.at("ratio")); });
      part.difference_moments = stats::in_field("difference_moments", [&] {
        return stats::Moments::from_json(p.at("difference_moments"));
      });
      part.greater = stats::read_count(p, "greater");
      part.less = stats::read_count(p, "less");
      return 0;
    });
  merge(other);
}

}  // namespace spendcast::analysis
