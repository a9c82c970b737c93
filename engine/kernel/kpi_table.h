#pragma once
// Scalar results of a run: one row per replication, one column per KPI, in a fixed order.
// A value that is undefined in a replication (say a mean over zero incidents) is NaN and is
// skipped by the statistics.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/kernel/assert.h"
#include "engine/kernel/statistics.h"

namespace dt {


struct KpiDefinition {
  std::string name;         ///< dotted, e.g. "dispatch.response_time_s"
  std::string unit;         ///< "s", "-", "1", ... for tables
  std::string description;  ///< one line for reports
  KpiRange range = KpiRange::Any;
};

class KpiTable {
 public:
  KpiTable() = default;
  KpiTable(std::vector<KpiDefinition> kpis, std::size_t replications)
      : kpis_(std::move(kpis)), replications_(replications), values_(kpis_.size() * replications, 0.0) {}

  [[nodiscard]] const std::vector<KpiDefinition>& kpis() const noexcept { return kpis_; }
  [[nodiscard]] std::size_t replications() const noexcept { return replications_; }

  [[nodiscard]] std::span<double> row(std::size_t replication) noexcept {
    DT_ASSERT(replication < replications_, "replication out of range");
    return {values_.data() + replication * kpis_.size(), kpis_.size()};
  }
  [[nodiscard]] std::span<const double> row(std::size_t replication) const noexcept {
    DT_ASSERT(replication < replications_, "replication out of range");
    return {values_.data() + replication * kpis_.size(), kpis_.size()};
  }
  /// The values of one KPI in replication order.
  [[nodiscard]] std::vector<double> column(std::size_t kpi) const {
    std::vector<double> c(replications_);
    for (std::size_t r = 0; r < replications_; ++r) c[r] = values_[r * kpis_.size() + kpi];
    return c;
  }
  /// The statistics of one KPI, its interval kept inside the KPI's range.
  [[nodiscard]] SampleSummary summary(std::size_t kpi) const { return summarize(column(kpi), kpis_[kpi].range); }
  /// Index of a KPI by name, or npos.
  [[nodiscard]] std::size_t find(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < kpis_.size(); ++i)
      if (kpis_[i].name == name) return i;
    return npos;
  }
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

 private:
  std::vector<KpiDefinition> kpis_;
  std::size_t replications_ = 0;
  std::vector<double> values_;
};

}  // namespace dt
