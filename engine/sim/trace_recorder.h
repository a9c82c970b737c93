#pragma once
// `drilltwin run --trace`: one replication replayed into trace.bin (engine/output/trace.h).
//
// The traced replication runs once more after the statistics replications, on the calling
// thread, with a TraceRecorder watching the crowd (engine/people/movement_observer.h). The
// recorder keeps where each person is and, each time the clock passes a frame time, writes every
// person's position and state at that time: along a link the position is interpolated between
// entry and arrival (stairs along their dog-leg, trace::link_point), in a place people are spread
// over its area (docs/formats.md, "Positions"). Events come from the network's timeline (smoke,
// closures) and from the other parts (ReplicationEvent: alarms, fires, sensor signals). It never
// changes the replication: the KPIs of the traced run are those of the same replication in the
// statistics run, bit for bit.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "engine/output/trace.h"
#include "engine/people/movement_observer.h"
#include "engine/scenario/scenario_config.h"
#include "engine/sim/site.h"

namespace dt {

struct TraceOptions {
  uint64_t replication = 0;      ///< the replication to trace [< replications]
  double interval_s = 1.0;       ///< time between frames [s, > 0]
  uint32_t keyframe_every = 60;  ///< a full frame every this many frames (seek granularity) [>= 1]
};

struct TraceSummary {
  uint32_t people = 0;       ///< residents (the crowd)
  uint32_t staff = 0;        ///< staff drawn besides them (guards of an emergency)
  uint32_t incidents = 0;    ///< dispatch traces: counted incidents (ServiceRequest events)
  double frame_interval_s = 0;  ///< as written (dispatch traces: at least a minute)
  uint32_t frames = 0;
  uint64_t bytes = 0;        ///< size of the file
  double end_time_s = 0;     ///< when the movement stopped [s]
  std::vector<double> kpis;  ///< the traced replication's KPI row (same order as kpi_definitions)
};

/// Writes the trace of `options.replication` of `scenario` to `path`, streamed while it runs.
/// Throws InputError when the scenario has no people to trace (no `evacuation:`), and
/// trace::TraceError when the file cannot be written.
/// Runs on `site` (built by build_site); the trace's scene is the site's layout and network.
[[nodiscard]] TraceSummary record_trace(const Site& site, const ScenarioConfig& scenario, const TraceOptions& options,
                                        const std::filesystem::path& path);

/// Convenience: builds the site of `scenario` first.
[[nodiscard]] TraceSummary record_trace(const ScenarioConfig& scenario, const TraceOptions& options,
                                        const std::filesystem::path& path);

/// The MovementObserver that writes a trace. The writer is opened on start() (the people are known
/// then), frames are written as the clock passes them until finish(); close() writes the events
/// still pending and the END block (the destructor does it too, without reporting errors).
class TraceRecorder final : public MovementObserver {
 public:
  /// `scene` must describe the network the crowd moves on (same node and link indices).
  TraceRecorder(trace::Scene scene, trace::Meta meta, std::filesystem::path path);
  ~TraceRecorder() override;

  void residents(const Population& population) override;
  void start(const Crowd& crowd, const NetworkTimeline* timeline) override;
  void step(const MovementStep& step) override;
  void finish(double end_s) override;
  void event(const ReplicationEvent& e) override;
  void alerted(std::span<const double> alarm_s) override;
  void staff(const StaffPlan& plan) override;

  /// Adds an event at its time; events are written in time order with the frames.
  void add_event(trace::Event e);
  /// Completes the file. Throws trace::TraceError on I/O errors.
  void close();

  [[nodiscard]] TraceSummary summary() const;

 private:
  struct Where {
    trace::PersonState state = trace::PersonState::Waiting;
    bool blocked = false;     // Queuing at the end of `link` (else in `node`)
    uint8_t dir = 0;
    uint32_t node = 0;
    uint32_t link = 0;
    uint32_t queued_at = trace::kNone;  // node whose queue he counts in
    uint32_t on_link = trace::kNone;    // link whose load he counts in
    double t0_s = 0, t1_s = 0;          // on the link from t0 to t1
  };
  void flush_until(double t_s, bool inclusive);
  void write_frame(uint32_t k);
  [[nodiscard]] trace::Vec3f position(uint32_t p, double t_s) const;
  void set_queue(uint32_t p, uint32_t node);
  void set_link(uint32_t p, uint32_t link);
  // Staff and assisted residents (StaffPlan): position and state at t.
  [[nodiscard]] trace::Vec3f place(NodeId n, NodeId near) const;
  [[nodiscard]] trace::Vec3f on_leg(std::size_t move, double t_s) const;
  [[nodiscard]] uint32_t place_node(NodeId n, NodeId near) const;  // place()'s node; kNone: none
  void route_legs();  // leg_points_ from the staff plan: each leg along the network
  void staff_frame(double t_s);

  trace::Scene scene_;
  trace::Meta meta_;
  std::filesystem::path path_;
  std::unique_ptr<trace::TraceWriter> writer_;
  std::vector<trace::PersonInfo> info_;
  std::vector<Where> where_;
  struct Box {
    float x0, y0, x1, y1;
  };
  std::vector<Box> inside_;           // per building: where people in it may be drawn
  std::vector<uint32_t> queued_;      // per node: people queuing there
  std::vector<uint32_t> load_;        // per link: people on it
  std::vector<trace::Load> on_link_, queuing_;  // this frame's loads
  std::vector<double> alert_s_;       // per crowd member: hears the alarm at [s]; empty: at 0
  StaffPlan plan_;
  uint32_t crowd_ = 0;                // people in the crowd (staff follow them in the trace)
  std::vector<uint32_t> rescue_;      // per crowd member: index into plan_.residents, or kNone
  std::vector<std::size_t> cursor_;   // per guard: his current or next leg in plan_.moves
  std::vector<std::size_t> first_leg_;  // per guard: his first leg
  // Each leg's route as a polyline: points [leg_at_[m], leg_at_[m + 1]) of leg_points_, with the
  // distance walked to each point in leg_dist_ [m].
  std::vector<uint32_t> leg_at_;
  std::vector<trace::Vec3f> leg_points_;
  std::vector<float> leg_dist_;
  std::vector<uint32_t> assembly_;    // assembly points (else outdoor nodes): "a safe place"
  std::vector<trace::Event> pending_; // events not yet written, ascending time
  std::size_t next_event_ = 0;
  std::vector<trace::Vec3f> pos_;
  std::vector<uint8_t> stale_;        // per person: pos_ needs computing (changed since the last frame)
  std::vector<trace::PersonState> state_;
  uint32_t safe_ = 0;
  uint32_t next_frame_ = 0;
  double end_s_ = 0;
  bool closed_ = false;
};

}  // namespace dt
