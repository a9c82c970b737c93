#pragma once
// One place per model where a KPI is declared and filled (name, unit, range, description, value).
//
// A model writes a single function `report_kpis(const Result* result, KpiSink& sink)` that calls
// `sink.add(...)` once per KPI, in a fixed order. Called with a declaring sink (result == nullptr)
// it yields the KPI definitions for a KpiTable's columns; called with a filling sink it writes one
// replication's values into that table's row. Because both passes run the same calls, a name can
// never drift from its value (the old way: two functions matched by position).
//
//   void report_kpis(const DeskResult* r, KpiSink& k) {
//     k.add("desk.response_time_s", "s", KpiRange::NonNegative, "mean time from report to service",
//           r ? r->mean_response_s : 0.0);
//   }

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/kernel/assert.h"
#include "engine/kernel/kpi_table.h"

namespace dt {

class KpiSink {
 public:
  /// A sink that records definitions only (values are ignored).
  static KpiSink declaring(std::vector<KpiDefinition>& out) { return KpiSink(&out, {}); }
  /// A sink that writes values, in declaration order, into `row` (one replication's row).
  static KpiSink filling(std::span<double> row) { return KpiSink(nullptr, row); }

  /// True when the sink only collects definitions; models may then skip computing values.
  [[nodiscard]] bool declaring() const noexcept { return definitions_ != nullptr; }

  /// Declares or fills the next KPI. `name` is dotted (e.g. "dispatch.response_time_s"); `unit` is
  /// "s", "1" (a fraction or ratio), "-" (a count), ...; `range` bounds its confidence interval.
  void add(std::string_view name, std::string_view unit, KpiRange range, std::string_view description,
           double value) {
    if (definitions_ != nullptr) {
      definitions_->push_back(KpiDefinition{std::string(name), std::string(unit), std::string(description), range});
      return;
    }
    DT_ASSERT(next_ < row_.size(), "more KPIs filled than declared");
    row_[next_++] = value;
  }

  /// Number of values written so far (filling sinks).
  [[nodiscard]] std::size_t filled() const noexcept { return next_; }

 private:
  KpiSink(std::vector<KpiDefinition>* definitions, std::span<double> row) : definitions_(definitions), row_(row) {}

  std::vector<KpiDefinition>* definitions_ = nullptr;
  std::span<double> row_;
  std::size_t next_ = 0;
};

}  // namespace dt
