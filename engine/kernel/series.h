#pragma once
// Series a model may attach to one replication's result, beside its scalar KPIs: curves over time
// (the evacuation curve, the queue at each stair) and samples (the response time of every
// incident). Reports draw them across replications: a curve as its median with a band, samples
// as a histogram per variant. Sweeps store them in results.sqlite (docs/formats.md).
//
// How a model fills them (run_replication gets a `ReplicationSeries*`, nullptr = nobody wants
// series: record nothing and pay nothing):
//
//   if (series) series->push_back(Series::curve("evacuation.safe_count", "s", "people", t, safe));
//
// Names are dotted like KPIs; reports recognise these families (others are drawn generically):
//   evacuation.safe_count             curve: people safe (cumulative) over time [s]
//   evacuation.safe_fraction          curve: share of the population safe over time [s]
//   evacuation.queue.<stair or exit>  curve: people waiting at the entry of that stair/exit [s]
//   evacuation.queue.<…>.wait_s       curve: mean wait of those leaving that queue [s]
//   dispatch.demand.<what>.<by>.<row> curve over the hour of day (x = 0..23 h): a heatmap row
//   dispatch.response_time_s          samples: report → arrival of each incident [s]
//   dispatch.utilization.<staff id>   samples or curve: busy share per staff member
//
// Rules that keep reports and databases small and results deterministic: x ascending within a
// curve; at most a few hundred points per curve (record changes, or thin to a fixed step) and at
// most a few thousand samples per replication; the same series names, in the same order, in every
// replication of a scenario (a replication with nothing to report records an empty series).

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace dt {

/// Series are kept for replications 0 .. kSeriesReplications−1 only: enough for every chart of a
/// report, and memory and results.sqlite stay bounded however many replications run (the KPI
/// statistics always use every replication).
inline constexpr std::size_t kSeriesReplications = 1000;

enum class SeriesKind : unsigned char {
  Curve,    ///< y over x (x = time [s] unless x_unit says otherwise), a step function between points
  Samples,  ///< a bag of values (y); x is empty
};

struct Series {
  std::string name;    ///< dotted, e.g. "evacuation.queue.B1.stair_A"
  SeriesKind kind = SeriesKind::Curve;
  std::string x_unit;  ///< "s" for time; empty for samples
  std::string y_unit;  ///< "people", "s", "-", ...
  std::vector<double> x;
  std::vector<double> y;

  [[nodiscard]] static Series curve(std::string name, std::string x_unit, std::string y_unit,
                                    std::vector<double> x, std::vector<double> y) {
    return {std::move(name), SeriesKind::Curve, std::move(x_unit), std::move(y_unit), std::move(x), std::move(y)};
  }
  [[nodiscard]] static Series samples(std::string name, std::string unit, std::vector<double> values) {
    return {std::move(name), SeriesKind::Samples, {}, std::move(unit), {}, std::move(values)};
  }
};

/// The series of one replication, in the order the model attached them.
using ReplicationSeries = std::vector<Series>;

}  // namespace dt
