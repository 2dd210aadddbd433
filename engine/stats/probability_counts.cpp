#include "stats/probability_counts.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "stats/lanes.hpp"

namespace spendcast::stats {

namespace {

void check_row(int row, std::size_t metrics, const char* what) {
  if (row < 0 || static_cast<std::size_t>(row) >= metrics) {
    throw std::invalid_argument(std::string("MetricLayout: ") + what + " row " +
                                std::to_string(row) + " out of range");
  }
}

/// Adds `block`'s paths (`n` of them) at or above each threshold value of `l` in each of
/// `years` years to `counts` ([threshold value][y], `offset[t]` threshold t's first value).
void count_thresholds(const MetricBlock& block, const MetricLayout& l, std::size_t n,
                      std::size_t years, const std::vector<std::size_t>& offset,
                      std::vector<std::uint64_t>& counts) {
  for (std::size_t t = 0; t < l.thresholds.size(); ++t) {
    const auto metric = static_cast<std::size_t>(l.thresholds[t].metric);
    for (std::size_t k = 0; k < l.thresholds[t].values.size(); ++k) {
      for (std::size_t y = 0; y < years; ++y) {
        counts[(offset[t] + k) * years + y] +=
            count_at_least(block.row(metric, y), n, l.thresholds[t].values[k]);
      }
    }
  }
}

/// Adds `block`'s paths (`n` of them) on which each event of `l` happened, in each of
/// `years` years, to `counts` ([e][y]).
void count_events(const MetricBlock& block, const MetricLayout& l, std::size_t n, std::size_t years,
                  std::vector<std::uint64_t>& counts) {
  for (std::size_t e = 0; e < l.event_metrics.size(); ++e) {
    for (std::size_t y = 0; y < years; ++y) {
      counts[e * years + y] +=
          count_nonzero(block.row(static_cast<std::size_t>(l.event_metrics[e]), y), n);
    }
  }
}

/// Adds `block`'s paths (`n` of them) whose spend has reached each first-year threshold
/// of `l` by each of `years` years to `counts` ([t][y]); `running` is scratch of >= n.
void count_reached(const MetricBlock& block, const MetricLayout& l, std::size_t n,
                   std::size_t years, std::vector<double>& running,
                   std::vector<std::uint64_t>& counts) {
  const auto spend = static_cast<std::size_t>(l.spend_metric);
  for (std::size_t y = 0; y < years; ++y) {
    const double* x = block.row(spend, y);
    if (y == 0) {
      std::copy(x, x + n, running.begin());
    } else {
      running_max(x, n, running.data());
    }
    for (std::size_t t = 0; t < l.first_year_spend_thresholds.size(); ++t) {
      counts[t * years + y] += count_at_least(running.data(), n, l.first_year_spend_thresholds[t]);
    }
  }
}

}  // namespace

ProbabilityCounts::ProbabilityCounts(std::shared_ptr<const MetricLayout> layout)
    : layout_(std::move(layout)) {
  if (!layout_) throw std::invalid_argument("ProbabilityCounts: null layout");
  const MetricLayout& l = *layout_;
  const std::size_t metrics = l.metrics.size();
  years_ = l.years.size();
  vendors_ = l.vendor_share_metrics.size();
  pairs_per_year_ = vendors_ * (vendors_ - (vendors_ > 0 ? 1 : 0)) / 2;
  if (!l.vendor_names.empty() && l.vendor_names.size() != vendors_) {
    throw std::invalid_argument("MetricLayout: vendor_names and vendor_share_metrics differ");
  }
  if (!l.event_names.empty() && l.event_names.size() != l.event_metrics.size()) {
    throw std::invalid_argument("MetricLayout: event_names and event_metrics differ");
  }
  for (const int r : l.vendor_share_metrics) check_row(r, metrics, "vendor share");
  for (const int r : l.event_metrics) check_row(r, metrics, "event");
  if (!l.first_year_spend_thresholds.empty()) check_row(l.spend_metric, metrics, "spend");
  std::size_t values = 0;
  for (const auto& t : l.thresholds) {
    check_row(t.metric, metrics, "threshold");
    threshold_offset_.push_back(values);
    values += t.values.size();
  }
  leader_.assign(years_ * vendors_, 0);
  pairs_.assign(years_ * pairs_per_year_, 0);
  thresholds_.assign(values * years_, 0);
  events_.assign(l.event_metrics.size() * years_, 0);
  reached_.assign(l.first_year_spend_thresholds.size() * years_, 0);
}

std::size_t ProbabilityCounts::pair_index(std::size_t i, std::size_t j) const {
  if (!(i < j && j < vendors_)) throw std::out_of_range("ProbabilityCounts: pair needs i < j");
  // Pairs (0,1), (0,2), ..., (0,V-1), (1,2), ...: i V - i (i + 1) / 2 pairs come first.
  return i * vendors_ - i * (i + 1) / 2 + (j - i - 1);
}

void ProbabilityCounts::add(const MetricBlock& block) {
  const MetricLayout& l = *layout_;
  const std::size_t n = block.paths;
  if (n == 0) return;
  paths_ += n;

  if (vendors_ > 0) {
    best_.resize(std::max(best_.size(), n));
    best_index_.resize(std::max(best_index_.size(), n));
    for (std::size_t y = 0; y < years_; ++y) {
      const double* first = block.row(static_cast<std::size_t>(l.vendor_share_metrics[0]), y);
      std::copy(first, first + n, best_.begin());
      std::fill(best_index_.begin(), best_index_.begin() + static_cast<std::ptrdiff_t>(n), 0);
      for (std::size_t v = 1; v < vendors_; ++v) {
        // Strictly greater: ties stay with the first vendor.
        update_argmax(block.row(static_cast<std::size_t>(l.vendor_share_metrics[v]), y), n,
                      static_cast<std::int64_t>(v), best_.data(), best_index_.data());
      }
      for (std::size_t v = 0; v < vendors_; ++v) {
        leader_[y * vendors_ + v] +=
            count_equal(best_index_.data(), n, static_cast<std::int64_t>(v));
      }
      for (std::size_t a = 0; a < vendors_; ++a) {
        const double* sa = block.row(static_cast<std::size_t>(l.vendor_share_metrics[a]), y);
        for (std::size_t b = a + 1; b < vendors_; ++b) {
          const double* sb = block.row(static_cast<std::size_t>(l.vendor_share_metrics[b]), y);
          pairs_[y * pairs_per_year_ + pair_index(a, b)] += count_greater(sa, sb, n);
        }
      }
    }
  }

  count_thresholds(block, l, n, years_, threshold_offset_, thresholds_);
  count_events(block, l, n, years_, events_);
  if (!l.first_year_spend_thresholds.empty() && years_ > 0) {
    running_max_.resize(std::max(running_max_.size(), n));
    count_reached(block, l, n, years_, running_max_, reached_);
  }
}

void ProbabilityCounts::merge(const ProbabilityCounts& other) {
  const auto add_all = [](std::vector<std::uint64_t>& to, const std::vector<std::uint64_t>& from) {
    if (to.size() != from.size()) {
      throw std::invalid_argument("ProbabilityCounts: merging counts of different layouts");
    }
    for (std::size_t i = 0; i < to.size(); ++i) to[i] += from[i];
  };
  add_all(leader_, other.leader_);
  add_all(pairs_, other.pairs_);
  add_all(thresholds_, other.thresholds_);
  add_all(events_, other.events_);
  add_all(reached_, other.reached_);
  paths_ += other.paths_;
}

std::uint64_t ProbabilityCounts::leader(std::size_t y, std::size_t v) const {
  if (y >= years_ || v >= vendors_) throw std::out_of_range("ProbabilityCounts::leader");
  return leader_[y * vendors_ + v];
}

std::uint64_t ProbabilityCounts::pair(std::size_t y, std::size_t i, std::size_t j) const {
  if (y >= years_) throw std::out_of_range("ProbabilityCounts::pair");
  return pairs_[y * pairs_per_year_ + pair_index(i, j)];
}

std::uint64_t ProbabilityCounts::threshold(std::size_t t, std::size_t k, std::size_t y) const {
  if (t >= layout_->thresholds.size() || k >= layout_->thresholds[t].values.size() || y >= years_) {
    throw std::out_of_range("ProbabilityCounts::threshold");
  }
  return thresholds_[(threshold_offset_[t] + k) * years_ + y];
}

std::uint64_t ProbabilityCounts::event(std::size_t e, std::size_t y) const {
  if (e >= layout_->event_metrics.size() || y >= years_) {
    throw std::out_of_range("ProbabilityCounts::event");
  }
  return events_[e * years_ + y];
}

std::uint64_t ProbabilityCounts::reached(std::size_t t, std::size_t y) const {
  if (t >= layout_->first_year_spend_thresholds.size() || y >= years_) {
    throw std::out_of_range("ProbabilityCounts::reached");
  }
  return reached_[t * years_ + y];
}

std::uint64_t ProbabilityCounts::first_year(std::size_t t, std::size_t k) const {
  if (t >= layout_->first_year_spend_thresholds.size() || k > years_) {
    throw std::out_of_range("ProbabilityCounts::first_year");
  }
  if (k == years_) return paths_ - (years_ == 0 ? 0 : reached(t, years_ - 1));
  return reached(t, k) - (k == 0 ? 0 : reached(t, k - 1));
}

bool ProbabilityCounts::operator==(const ProbabilityCounts& other) const {
  return paths_ == other.paths_ && leader_ == other.leader_ && pairs_ == other.pairs_ &&
         thresholds_ == other.thresholds_ && events_ == other.events_ && reached_ == other.reached_;
}

}  // namespace spendcast::stats
