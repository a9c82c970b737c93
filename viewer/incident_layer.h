#pragma once
// Dispatch runs (服务需求热力图 on the model): per building, a block on its roof whose colour and
// height are the number of incidents reported in it so far (`--incidents all`, the default for a
// trace with service requests) or of those whose response target passed without staff on site
// (`--incidents late`). Counts come from the trace's ServiceRequest / ServiceLate events
// (trace format 3); the blocks are rebuilt only when a count changes.

#include <osg/Geode>
#include <algorithm>
#include <span>
#include <vector>

#include "engine/output/trace.h"

namespace dtv {

namespace trace = dt::trace;

enum class IncidentMode { Off, All, Late };

class IncidentLayer {
 public:
  IncidentLayer(const trace::Scene& scene, const std::vector<trace::Event>& events, IncidentMode mode);

  [[nodiscard]] osg::Node* node() const { return geode_.get(); }
  /// Shows the counts up to `t_s`; true when they changed.
  bool update(double t_s);
  /// Incidents counted in building b so far (of the mode's kind).
  [[nodiscard]] uint32_t count(std::size_t b) const { return count_[b]; }
  /// True when the trace has any event of the mode's kind.
  [[nodiscard]] bool any() const { return !times_.empty(); }

  /// The block of a building with n incidents: a square column on its roof, kSide × the smaller
  /// side of its outline's bounding box, from the roof up kBase_m + kPerIncident_m × n (at most kMax_m).
  static constexpr float kSide = 0.5f;
  static constexpr float kBase_m = 3.0f;
  static constexpr float kPerIncident_m = 1.5f;
  static constexpr float kMax_m = 60.0f;
  [[nodiscard]] static float height_m(uint32_t n) { return std::min(kMax_m, kBase_m + kPerIncident_m * static_cast<float>(n)); }

 private:
  void rebuild();

  const trace::Scene& scene_;
  std::vector<double> times_;       // events of the mode's kind, ascending time
  std::vector<uint32_t> building_;  // their building (kNone outside any)
  std::size_t applied_ = static_cast<std::size_t>(-1);  // none yet
  std::vector<uint32_t> count_;
  osg::ref_ptr<osg::Geode> geode_;
};

}  // namespace dtv
