#include "sim/event_draws.hpp"

#include <algorithm>
#include <limits>

#include "random/uniform.hpp"

namespace spendcast::sim {

EventDraws::EventDraws(const model::Model& model, std::size_t index)
    : model_(&model), event_(&model.events[index]) {
  const model::Event& e = *event_;
  const std::string prefix = "event." + e.name + ".";
  const auto add = [&](Input input, const std::string& name, std::size_t k = 0) {
    names_.push_back(prefix + name);
    slots_.push_back({input, k});
  };
  const int from = std::max(e.first_year, model.base_year + 1);
  const int until = std::min(e.last_year, model.horizon);
  if (until >= from && (until > from || model.steps_per_year > 1)) add(Input::time, "time");
  const auto uncertain = [](const std::optional<model::Distribution>& d) {
    return d && !d->is_constant();
  };
  if (uncertain(e.spend_jump)) add(Input::spend_jump, "spend_jump");
  if (uncertain(e.growth_shift)) add(Input::growth_shift, "growth_shift");
  if (e.growth_shift && uncertain(e.duration)) add(Input::duration, "duration");
  if (e.enters_composition >= 0 && uncertain(e.entry_share)) add(Input::entry_share, "entry_share");
  const auto category = [&](const model::CategoryEffect& c) {
    return model.compositions[c.composition].names[c.category];
  };
  for (std::size_t k = 0; k < e.share_shift.size(); ++k)
    if (!e.share_shift[k].size.is_constant())
      add(Input::share, "share_shift." + category(e.share_shift[k]), k);
  for (std::size_t k = 0; k < e.momentum_shift.size(); ++k)
    if (!e.momentum_shift[k].size.is_constant())
      add(Input::momentum, "momentum_shift." + category(e.momentum_shift[k]), k);
}

int EventDraws::replay(std::uint64_t seed, std::uint64_t path, double hazard, int year,
                       double* out) const {
  const model::Event& e = *event_;
  const model::Model& model = *model_;
  const int m = model.steps_per_year;
  const random::StreamKey key = random::stream_key(seed, "event:" + e.name);
  const double p = event_step_probability(hazard, 1.0 / m);
  int count = 0, first = 0;
  const int last_step = (year - model.base_year) * m;
  for (int step = 1; step <= last_step && count < e.max_count; ++step) {
    const int step_year = model.base_year + (step - 1) / m + 1;
    if (step_year < e.first_year || step_year > e.last_year) continue;
    const auto ustep = static_cast<std::uint32_t>(step);
    if (!(random::uniform_pair(key, path, ustep, 0).first < p)) continue;
    if (count++ == 0) first = step;
  }
  const auto ufirst = static_cast<std::uint32_t>(first);
  for (std::size_t s = 0; s < slots_.size(); ++s) {
    const Slot& slot = slots_[s];
    if (count == 0) {
      out[s] = slot.input == Input::time         ? std::numeric_limits<double>::infinity()
               : slot.input == Input::spend_jump ? 1.0
                                                 : 0.0;
      continue;
    }
    switch (slot.input) {
      case Input::time:
        out[s] = model.base_year + static_cast<double>(first) / m;  // the step's end
        break;
      case Input::spend_jump:
        out[s] = e.spend_jump->quantile(random::uniform_pair(key, path, ufirst, 1).first);
        break;
      case Input::growth_shift:
        out[s] = e.growth_shift->quantile(random::uniform_pair(key, path, ufirst, 1).second);
        break;
      case Input::duration:
        out[s] = e.duration->quantile(random::uniform_pair(key, path, ufirst, 2).first);
        break;
      case Input::entry_share:
        out[s] = e.entry_share->quantile(random::uniform_pair(key, path, ufirst, 2).second);
        break;
      case Input::share:
        out[s] = e.share_shift[slot.k].size.quantile(
            random::uniform_pair(key, path, ufirst, static_cast<std::uint32_t>(3 + slot.k)).first);
        break;
      case Input::momentum:
        out[s] = e.momentum_shift[slot.k].size.quantile(
            random::uniform_pair(key, path, ufirst, static_cast<std::uint32_t>(3 + slot.k)).second);
        break;
    }
  }
  return count;
}

}  // namespace spendcast::sim
