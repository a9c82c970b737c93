#pragma once
// An optional observer of the crowd-movement model (crowd_model.h): it sees every change of where
// a person is and what he does, in time order. Traces are recorded with it
// (engine/sim/trace_recorder.h). In ordinary runs the observer pointer is null and each place
// that would report costs one predictable branch; the observer never changes the movement.

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "engine/world/nav_graph.h"

namespace dt {

struct Crowd;
struct Population;
struct NetworkTimeline;

/// One change of one person, reported when it happens (t_s never decreases from call to call).
struct MovementStep {
  enum class Kind : uint8_t {
    Waiting,             ///< in `node` at the start, pre-movement not over yet
    AwaitingAssistance,  ///< in `node` at the start, cannot move on his own
    Queuing,             ///< in `node`, waiting to enter `link`, the next on his route
    EnterLink,           ///< walks `link` away from `node` in direction `dir`, reaching its far end at `until_s`
    Blocked,             ///< at the far end of `link`, waiting for room in `node`
    Safe,                ///< reached the safe node `node` (or started in it)
    Stranded,            ///< in `node` with no route to safety
  };
  Kind kind = Kind::Waiting;
  uint32_t person = 0;   ///< index into the Crowd
  double t_s = 0;        ///< [s]
  NodeId node;
  LinkId link;           ///< Queuing, EnterLink, Blocked
  uint8_t dir = 0;       ///< EnterLink: 0 walks a → b, 1 walks b → a
  double until_s = 0;    ///< EnterLink: arrival at the far end [s]
};

/// Something else that happened in the replication, reported for traces by the parts that are
/// not the crowd (hazards, detection): an alarm, a fire, a sensor's signal.
struct ReplicationEvent {
  enum class Kind : uint8_t {
    Alarm,         ///< residents around `node` hear the alarm
    Fire,          ///< a fire starts in `node`; `index` numbers the fires of the replication
    SensorSignal,  ///< sensor `index` (Network::sensors), watching `node`, signals
    // Added with trace format 2:
    ElevatorRecalled,     ///< elevator `index` (Network::elevators) is at the ground floor, recalled
    ElevatorStopped,      ///< elevator `index` is out of service (failed or no power)
    Entrapment,           ///< elevator `index` stopped with riders: `value` persons trapped
    RescuerOnSite,        ///< a rescuer is at trapped elevator `index`
    EntrapmentReleased,   ///< the riders of elevator `index` are out
    PowerCut,             ///< building `index` loses power (`value`: for how long [s], +inf: for good)
    PowerRestored,        ///< building `index` has power again
    Flooded,              ///< `node` is impassable: water deeper than the limit
    StaffAlerted,         ///< the staff are alerted and set off from their post `node`
    Rescued,              ///< assisted resident `index` (crowd index) reaches safety with staff
  };
  Kind kind = Kind::Alarm;
  double t_s = 0;     ///< [s]
  NodeId node;
  uint32_t index = 0;
  std::string text;   ///< a short line for the viewer: "alarm in C1", "fire in C1/F12/U2"
  double value = 0;   ///< by kind (persons trapped, outage length)
  /// Entrapment, RescuerOnSite, EntrapmentReleased: the stopped car's height above ground [m]
  /// (NaN: drawn at `node`).
  double z_m = std::numeric_limits<double>::quiet_NaN();
};

/// One leg of a member of staff, planned by the assistance model (engine/hazards/assistance.h):
/// he goes from `from` to `to` between `from_s` and `until_s`, with resident `resident` when he
/// carries or wheels one. An invalid node is "a safe place" (assembly point, outside).
struct StaffMove {
  uint32_t guard = 0;
  uint32_t resident = 0xFFFFFFFFu;  ///< crowd index of the resident with him; 0xFFFFFFFF: none
  double from_s = 0, until_s = 0;   ///< [s]
  NodeId from, to;
  bool lift = false;                ///< riding a fire lift
};

/// What the staff do in the replication, for traces: `guards` of them, at `post` until `alerted_s`,
/// then the legs (ascending from_s per guard). `safe_s` per assisted resident (crowd index in
/// `residents`): when staff brought him to safety (+inf: never).
struct StaffPlan {
  uint32_t guards = 0;
  NodeId post;
  /// Per guard, where he is when the staff are alerted (staff taken from the dispatch roster,
  /// assistance.from_roster); empty: every guard is at `post`.
  std::vector<NodeId> start;
  double alerted_s = 0;
  std::vector<StaffMove> moves;
  std::vector<uint32_t> residents;
  std::vector<double> safe_s;
};

class MovementObserver {
 public:
  virtual ~MovementObserver() = default;
  /// The residents the crowd was made of (called by run_evacuation before start; optional).
  virtual void residents(const Population& population) { (void)population; }
  /// Before the first step: the crowd about to move, and how the network will change while it
  /// moves (null: it never changes).
  virtual void start(const Crowd& crowd, const NetworkTimeline* timeline) = 0;
  virtual void step(const MovementStep& step) = 0;
  /// After the last step: the clock when the movement stopped [s].
  virtual void finish(double end_s) = 0;
  /// Any time during the replication, before or after the movement (optional).
  virtual void event(const ReplicationEvent& e) { (void)e; }
  /// Before start (optional): per crowd member, when he hears the alarm [s] (+inf: never); until
  /// then he is "not yet alerted". Not called when everybody hears it at t = 0.
  virtual void alerted(std::span<const double> alarm_s) { (void)alarm_s; }
  /// Before start (optional): the staff's movements and the assisted residents' rescues.
  virtual void staff(const StaffPlan& plan) { (void)plan; }
};

}  // namespace dt
