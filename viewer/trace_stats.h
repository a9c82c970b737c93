#pragma once
// What the viewer learns from one pass over every frame of a trace, for the views that show the
// whole drill rather than one moment: the stairs' use accumulated up to any time (the cumulative
// heat map, `--heat cumulative`) and each stair's load over the drill (the stair panel,
// `--panel stairs`). Built once when one of them is asked for; afterwards a time's values come
// without reading the file again and without allocating.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/output/trace.h"

namespace dtv {

namespace trace = dt::trace;

/// One stair of a building: its flights (stair links) and landings, grouped by the "B/S" prefix
/// of their labels ("C1/S1/F3-F4" and "C1/S1/F3" are flights and landings of stair S1 of C1).
struct StairGroup {
  std::string building_id, stair_id;  ///< "C1", "S1"
  int32_t building = -1;              ///< index into Scene::buildings
  std::vector<uint32_t> flights;      ///< link indices
  std::vector<uint32_t> landings;     ///< node indices
};

class TraceStats {
 public:
  /// Reads every frame of `reader` once (its loads; version 1 traces have none: all zero).
  explicit TraceStats(trace::TraceReader& reader);

  [[nodiscard]] double frame_interval_s() const noexcept { return dt_s_; }
  [[nodiscard]] std::size_t frames() const noexcept { return frames_; }

  /// The stair flights (links of kind Stair), ascending link index; the index into this list is a
  /// flight's slot.
  [[nodiscard]] const std::vector<uint32_t>& flights() const noexcept { return flights_; }
  /// Person-seconds spent on each flight (walking it or waiting at its end) before frame `k`
  /// (frames 0 .. k − 1, each holding for one frame interval), by slot, into `out` (flights()
  /// entries). Sequential frames cost one frame's loads; others a checkpoint and at most
  /// kCheckpointEvery frames' loads. No allocation.
  void person_seconds_before(std::size_t k, std::span<double> out);

  /// The stairs, grouped by building then stair id in label order.
  [[nodiscard]] const std::vector<StairGroup>& stairs() const noexcept { return stairs_; }
  /// People on stair `s` (on its flights or queuing on its landings) in frame k.
  [[nodiscard]] float people_on(std::size_t s, std::size_t k) const { return on_stair_[s * frames_ + k]; }
  /// Its largest value over the drill.
  [[nodiscard]] float peak(std::size_t s) const { return peak_[s]; }

  static constexpr std::size_t kCheckpointEvery = 64;

 private:
  double dt_s_ = 1;
  std::size_t frames_ = 0;
  std::vector<uint32_t> flights_;
  std::vector<int32_t> slot_;              // per link: slot or -1
  // Stair loads of every frame, flattened: frame k's are load_[load_at_[k], load_at_[k + 1]).
  std::vector<uint32_t> load_at_;
  std::vector<trace::Load> load_;          // index = slot
  std::vector<double> checkpoint_;         // per checkpoint c: totals before frame c × kCheckpointEvery, by slot
  std::vector<StairGroup> stairs_;
  std::vector<float> on_stair_, peak_;
  // The running totals of the last call, to go on sequentially.
  std::size_t at_ = 0;
  std::vector<double> running_;
};

}  // namespace dtv
