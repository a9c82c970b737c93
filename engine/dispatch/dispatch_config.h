#pragma once
// Everything the dispatch model needs to know: the incident catalogue, the staff roster, the
// strategy and its parameters, the emergency stores. Plain structs with sourced defaults
// (docs/model.md, "Staff and dispatch"); engine/scenario/dispatch_reader.cpp fills them from YAML
// and resolves every name (skills, buildings, nodes) so nothing here can fail to resolve later.
//
// The service desk (service_desk.h) is the special case with one incident type, identical staff,
// no layout (zero travel time) and strategy `fifo`.

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "engine/dispatch/arrival_process.h"
#include "engine/dispatch/travel_time.h"
#include "engine/kernel/distribution.h"
#include "engine/kernel/input_error.h"

namespace dt {

/// Bit i = skill i of DispatchConfig::skills. A staff member qualifies for an incident type when
/// he has every skill it requires.
using SkillMask = uint32_t;
inline constexpr std::size_t kMaxSkills = 32;

enum class DispatchStrategy : uint8_t {
  Fifo,        ///< the service desk: the first idle staff member takes the oldest incident
  Manual,      ///< a central dispatcher, processing delay, no knowledge of where staff are
  Nearest,     ///< the nearest idle qualified staff member by travel time
  Priority,    ///< priority queue; emergencies pre-empt low-priority work
  Optimal,     ///< batch assignment every Δt (Hungarian method) over travel time and priority
  ZoneButler,  ///< one generalist per building handles what he can and escalates the rest
};
inline constexpr std::array<const char*, 6> kStrategyNames = {"fifo", "manual", "nearest", "priority", "optimal",
                                                              "zone_butler"};

enum class IncidentSource : uint8_t {
  Resident,  ///< a resident notices and reports after `report_delay`
  Sensor,    ///< a sensor reports after `report_delay` (its detection delay)
  Patrol,    ///< latent: a patrol finds it, or a resident reports it after `report_delay`
};

/// Where incidents of a type happen: relative weights of the kinds of place [>= 0, not all 0
/// when a layout is given]. Within a kind every place is equally likely.
struct LocationWeights {
  double units = 1.0;      ///< flats
  double common = 0.0;     ///< corridors, lobbies (common areas of the blocks)
  double elevators = 0.0;  ///< a car stopped at one of its landings
  double outdoor = 0.0;    ///< site paths, gates, assembly points
};

struct IncidentType {
  std::string name;                                  ///< "water_leak"
  uint8_t priority = 3;                              ///< 1 emergency, 2 urgent, 3 normal, 4 routine
  SkillMask skills = 1;                              ///< required skills (all of them)
  ArrivalProcessConfig arrivals;                     ///< when faults occur (non-homogeneous Poisson)
  LocationWeights where;
  Distribution service_time = Distribution::exponential(1800.0);  ///< on-site work [s]
  IncidentSource source = IncidentSource::Resident;
  Distribution report_delay = Distribution::fixed(0.0);  ///< fault → report (sensor / resident) [s]
  double patrol_find_probability = 0.9;              ///< Patrol: a passing patrol finds it [0, 1] (assumption)
  double sla_response_s = 1800.0;                    ///< response target [s, > 0]
  double sla_share = 0.9;                            ///< share of incidents that should meet it [0, 1]
  /// Units taken from stores when work starts: {store kind index, amount}.
  std::vector<std::pair<uint32_t, double>> consumes;
  /// Probability that a visit fixes it; otherwise the resident calls again after `revisit_delay`
  /// and someone goes back [(0, 1]]. 1 = no revisits (the default, so older scenarios keep their
  /// results); 0.92 is the seeds' repair-rate target (assumption, docs/model.md "Service quality").
  double first_time_fix = 1.0;
  Distribution revisit_delay = Distribution::fixed(7200.0);  ///< unfixed → called again [s] (assumption)
  /// Complaint closure: done within this many working days (WorkCalendar) [> 0]; 0 = not a complaint.
  double closure_working_days = 0.0;
  double material_cost = 0.0;  ///< materials used per incident fixed [CNY, >= 0] (assumption: 0 unless given)
};

/// Wages and premiums of the roster (docs/model.md, "Costs"). Premiums are shares added to the
/// wage: an hour at night on a Saturday in overtime costs wage × (1 + night + weekend + overtime).
struct CostConfig {
  /// Wage per role [CNY/h, >= 0] (assumptions anchored on the Shanghai hourly minimum wage,
  /// 24 CNY/h from 1 July 2023; docs/model.md). Roles not listed cost `default_wage_per_h`.
  std::vector<std::pair<std::string, double>> wage_per_h = {
      {"security", 32.0}, {"engineer", 48.0}, {"electrician", 48.0}, {"plumber", 45.0},
      {"cleaner", 28.0},  {"butler", 40.0},   {"staff", 40.0}};
  double default_wage_per_h = 40.0;
  double night_premium = 0.20;          ///< [>= 0] (assumption)
  double night_start_s = 22 * 3600.0;   ///< clock time the night starts [s after midnight]
  double night_end_s = 6 * 3600.0;      ///< clock time it ends (the next morning) [s after midnight]
  double weekend_premium = 0.0;         ///< Saturdays and Sundays [>= 0] (rostered weekends are ordinary hours)
  double overtime_premium = 0.5;        ///< past the end of a shift [>= 0] (PRC Labour Law art. 44: 150 %)
  [[nodiscard]] double wage_of(const std::string& role) const {
    for (const auto& [r, w] : wage_per_h)
      if (r == role) return w;
    return default_wage_per_h;
  }
};

/// Working days for complaint closure and the weekday for weekend premiums. Day 0 is the day the
/// scenario starts (its clock shows clock_start_s).
struct WorkCalendar {
  uint8_t start_weekday = 0;       ///< weekday of day 0: 0 Monday … 6 Sunday
  uint8_t working_weekdays = 0x1F; ///< bit d = weekday d is a working day (Monday–Friday)
  std::vector<int64_t> holidays;   ///< day numbers (0 = day 0) that are not working days, sorted
  double work_start_s = 9 * 3600.0;   ///< working hours on a working day [s after midnight]
  double work_end_s = 18 * 3600.0;    ///< [s after midnight, > work_start_s]
};

/// Key facilities that fail and are repaired (lifts, pumps, gates, lights): each unit is up for a
/// time drawn from `time_between_failures`, then fails; the failure is an incident of `type`
/// handled by the dispatch model, whose on-site work takes `repair_time` (not the type's service
/// time); the unit is up again when the work is done.
struct FacilityClass {
  std::string name;            ///< "lift"
  uint32_t count = 1;          ///< units [>= 1]
  uint32_t type = 0;           ///< incident type of a failure (DispatchConfig::types)
  Distribution time_between_failures = Distribution::exponential(1000 * 3600.0);  ///< MTBF [s]
  Distribution repair_time = Distribution::exponential(2 * 3600.0);               ///< MTTR on site [s]
};

struct ShiftConfig {
  double start_s = 0.0;    ///< clock time the shift starts [s after midnight]
  double length_s = 86400.0;  ///< [s, (0, 86400]]; 86400 = always on duty
  [[nodiscard]] bool always() const noexcept { return length_s >= 86400.0; }
};

struct PatrolConfig {
  std::vector<NodeId> route;   ///< stops (a building's ground lobby or any node), visited in order
  std::vector<int32_t> route_building;  ///< per stop: the building it covers (-1 none)
  double every_s = 7200.0;     ///< a round starts this often while the guard is on duty [s, > 0]
  double dwell_s = 120.0;      ///< looking around at each stop [s, >= 0] (assumption)
};

struct StaffMember {
  std::string id;           ///< "engineer.2", "butler.C3"
  std::string role;         ///< security, engineer, electrician, plumber, cleaner, butler
  SkillMask skills = 1;
  NodeId post;              ///< where he starts each shift (invalid without a layout)
  ShiftConfig shift;
  std::vector<int32_t> zone;  ///< zone_butler: the buildings he looks after (empty: none)
  PatrolConfig patrol;        ///< empty route: no patrol
};

/// A `staff.roster` entry as written. engine/sim/site.cpp resolves its names against the site and
/// expands it into StaffMembers (one per building with per_building, else `count`).
struct RosterEntry {
  std::string name;                     ///< `name:` ("day_engineers"), addresses it in dotted keys; may be empty
  StaffMember member;                   ///< role, skills, shift, patrol timing (id, post, zone, route: bound)
  int64_t count = 1;                    ///< [>= 1]
  bool per_building = false;            ///< one per building (of `zone`, else every building)
  std::vector<SourceName> post;         ///< `post:` (a building id or a node label), at most one
  std::vector<SourceName> zone;         ///< `zone:` building ids
  bool patrol_all = false;              ///< `patrol.route: all`
  std::vector<SourceName> patrol_route; ///< `patrol.route:` building ids
};

struct StoreStock {
  std::string kind;              ///< daily_necessities, medical, energy (or any name)
  double stock = 0.0;            ///< units at the start [>= 0]
  double capacity = 0.0;         ///< replenished up to this [>= 0]
  double replenish_every_s = 86400.0;   ///< [s, > 0]
  double replenish_at_s = 6 * 3600.0;   ///< clock time of the first delivery [s after midnight]
  double stockout_delay_s = 3600.0;     ///< work waits this long for supplies from outside [s, >= 0]
};

struct ManualParams {
  /// Time a dispatcher spends on one report (take the call, write the order, radio it) [s].
  /// Assumption: lognormal mean 10 min, sd 5 min (DESIGN §1: the "1+3+N" target is 1 min to accept
  /// and 3 min to dispatch; manual dispatch in practice takes far longer).
  Distribution processing = Distribution::lognormal(600.0, 300.0, 0.0, 7200.0);
  uint32_t dispatchers = 1;  ///< [>= 1]
};

struct OptimalParams {
  double interval_s = 60.0;  ///< batch every Δt [s, > 0]
  /// Value of assigning an incident now rather than later, per priority 1..4 [s of travel time]:
  /// the solver trades this much extra travel for serving a more urgent incident first.
  std::array<double, 4> priority_value_s = {7200.0, 3600.0, 1200.0, 600.0};
};

struct PriorityParams {
  uint8_t preempting = 1;  ///< incidents of this priority or more urgent pre-empt [1..4]
  uint8_t preemptible = 3; ///< work of this priority or less urgent can be interrupted [1..4]
};

struct ZoneButlerParams {
  double escalation_delay_s = 300.0;  ///< butler sees he cannot handle it → central dispatch [s] (assumption)
};

struct DispatchConfig {
  std::vector<std::string> skills;      ///< skill names, bit order
  std::vector<IncidentType> types;      ///< at least one
  std::vector<StaffMember> staff;       ///< at least one; bound by the site from `roster`
  std::vector<RosterEntry> roster;      ///< as read (engine/scenario/dispatch_reader.cpp)
  SourcePos roster_pos;                 ///< `staff.roster`, for "at most 65,535 staff members"
  SourcePos incidents_pos;              ///< `incidents:`, for "no place on this layout to happen"
  TravelOptions travel_options;         ///< `staff.use_elevators`, `staff.elevator_wait`
  std::vector<StoreStock> stores;
  std::vector<FacilityClass> facilities;
  CostConfig costs;
  WorkCalendar calendar;
  DispatchStrategy strategy = DispatchStrategy::Fifo;
  ManualParams manual;
  OptimalParams optimal;
  PriorityParams priority;
  ZoneButlerParams zone_butler;
  /// Travel times on the site's network; null = no layout (every trip takes no time). Set in the
  /// site's bound copy (engine/sim/site.h), never by the reader.
  std::shared_ptr<const TravelModel> travel;

  double clock_start_s = 0.0;  ///< time of day at scenario time 0 [s]
  double duration_s = 86400.0; ///< incidents occur in [0, duration); the staff then work off the rest [s]
  uint64_t max_incidents = 0;  ///< stop after this many [0 = no limit]
  double warmup_s = 0.0;       ///< incidents reported before this are served but not counted [s]
  /// Report KPIs per type and priority (off for the plain service desk).
  bool detailed_kpis = true;
};

/// Random-stream purposes. Incident entity = (type << 40) | occurrence number of that type; for
/// type 0 these are the service desk's streams, so the desk draws exactly what it always drew.
namespace dispatch_streams {
inline constexpr const char* kArrivals = "desk.arrivals";        ///< entity: type
inline constexpr const char* kServiceTime = "desk.service_time"; ///< entity: incident (one draw)
inline constexpr const char* kIncident = "dispatch.incident";    ///< entity: incident (place, delays)
inline constexpr const char* kProcessing = "dispatch.processing";///< entity: incident
inline constexpr const char* kRevisit = "dispatch.revisit";      ///< entity: incident (fixed?, delays, revisit work)
inline constexpr const char* kFailures = "facility.failures";    ///< entity: (class << 32) | unit
}  // namespace dispatch_streams

}  // namespace dt
