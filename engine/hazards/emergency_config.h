#pragma once
// Everything a scenario says about an emergency: the hazards' physics, the sensors and the alarm,
// the elevators, the staff who assist, and the drill — a timeline of injections ("at 4 min close
// stair C1/S2"). Plain structs with sourced defaults (docs/model.md, "Hazards, sensors and
// elevators"); engine/scenario/emergency_reader.cpp fills them from YAML, keeping every id the
// drill names with its position; engine/sim/site.cpp resolves them against the generated network
// once per run and hands the models a bound copy (resolved ids and the network).

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "engine/hazards/fire.h"
#include "engine/kernel/distribution.h"
#include "engine/world/layout.h"
#include "engine/world/network.h"
#include "engine/world/network_timeline.h"

namespace dt {

inline constexpr double kNeverS = std::numeric_limits<double>::infinity();

// --- hazards --------------------------------------------------------------------------------------

struct FireParams {
  /// Smoke leaves the room of origin once the fire reaches this heat release rate [kW, >= 0]
  /// (assumption: a small flaming fire; with a medium fire 50 kW is reached after 65 s).
  double smoke_onset_kw = 50.0;
  /// Peak heat release rate of a fire in a flat [kW, > 0]: ventilation-limited (assumption, of the
  /// order of the 5 MW design fires of residential PD 7974-1 examples — recalled).
  double peak_kw = 5000.0;
};

struct SmokeParams {
  /// Horizontal spread along corridors and through openings [m/s, > 0]. Observed 0.3–0.8 m/s
  /// (recalled from secondary sources, confirm): default the middle.
  double corridor_speed_mps = 0.5;
  /// Upward spread in stair shafts [m/s, > 0]; 3–4 m/s observed (recalled).
  double shaft_speed_mps = 3.0;
  /// Downward spread in stairs [m/s, > 0] (assumption: buoyant smoke moves down only as slowly
  /// as it spreads sideways).
  double stair_down_speed_mps = 0.5;
  /// A closed fire door (stair doors, exit doors) holds smoke back this long [s, >= 0] (assumption).
  double door_delay_s = 120.0;
  /// Flat doors: residents leaving a burning flat leave its door open (assumption: no delay).
  double flat_door_delay_s = 0.0;
  /// Stairs of buildings taller than 33 m are smoke-proof (GB 50016-2014 5.5.27): smoke enters
  /// them only through a door held open (drill action hold_open).
  bool smoke_proof_above_33m = true;
  /// Smoke does not spread through lift shafts (lift lobbies are enclosed; assumption).
  bool through_elevator_shafts = false;
  /// Once smoke arrives, the extinction coefficient rises linearly to max over rise_time.
  double max_extinction_per_m = 3.0;  ///< [1/m, > 0] (assumption: dense smoke, visibility ~1 m)
  double rise_time_s = 60.0;          ///< [s, >= 0] (assumption)
};

struct TenabilityParams {
  /// Visibility limit [m, > 0]: 10 m in corridors and stairs, 5 m in small rooms (flats)
  /// (Jin 1978/1997; PD 7974-6:2019; SFPE Handbook).
  double visibility_m = 10.0;
  double visibility_small_room_m = 5.0;
  /// Jin's relation V = C/K; C = 3 for light-reflecting signs, 8 for light-emitting signs.
  double sign_constant = 3.0;
  /// Tenability is re-evaluated at multiples of this interval: routes are recomputed at most this
  /// often [s, > 0].
  double check_interval_s = 10.0;
};

struct FloodParams {
  double spill_depth_m = 0.02;       ///< water spreads to the next node above this depth [m, > 0] (door sill; assumption)
  double impassable_depth_m = 0.30;  ///< node impassable above this depth [m, > 0] (assumption; see docs)
};

struct HazardParams {
  FireParams fire;
  SmokeParams smoke;
  TenabilityParams tenability;
  SmokeWalkingParams walking;        ///< Frantzich & Nilsson 2003
  FloodParams flood;
  /// Walking on emergency lighting during a power cut: v = factor·v0 [(0, 1]] (assumption, see docs).
  double lights_out_speed_factor = 0.8;
};

// --- sensors and alarm ----------------------------------------------------------------------------

struct SensorKindParams {
  Distribution delay = Distribution::fixed(30.0);  ///< from the condition reaching it to its signal [s]
  double reliability = 0.9;                        ///< chance it works when needed [0, 1]
  double false_alarms_per_year = 0.0;              ///< per sensor [1/yr, >= 0]
};

struct SensorParams {
  /// Per SensorKind (layout.h order: smoke, heat, camera, water leak, elevator fault, call point).
  std::array<SensorKindParams, kSensorKindCount> kind{};
  /// Hours the sensors run on battery during a power cut [h, >= 0].
  double battery_h = 24.0;
  SensorParams();
};

enum class AlarmMode : uint8_t {
  Given,     ///< the alarm sounds at a given time everywhere (no detection)
  Site,      ///< first detection → every building
  Building,  ///< first detection → the burning building(s) only; others are not evacuated
  Phased,    ///< as Building, but the fire floor ± phase_floors first, the rest after phase_delay
};

struct AlarmParams {
  AlarmMode mode = AlarmMode::Site;
  double given_at_s = 0.0;             ///< mode Given [s]
  double delay_to_residents_s = 10.0;  ///< detection → sounders heard by residents [s, >= 0]
  int phase_floors = 1;                ///< Phased: floors above and below the fire floor in the first phase
  double phase_delay_s = 300.0;        ///< Phased: the other floors after this [s]
  /// Building/Phased: the buildings that do not burn hear the alarm this long after the burning
  /// one(s) [s, >= 0]; never by default (then only the burning buildings are occupied).
  double others_after_s = kNeverS;
  /// Without any detection somebody raises the alarm anyway this long after ignition (a neighbour,
  /// a passer-by calling 119) [s, > 0] (assumption).
  double fallback_s = 900.0;
  double staff_delay_s = 60.0;         ///< detection → guards set off [s, >= 0] (assumption)
};

// --- elevators ----------------------------------------------------------------------------------

struct ElevatorParams {
  bool recall_on_alarm = true;          ///< all cars go to the ground floor on the alarm (GB 50016 / EN 81-73)
  double trips_per_hour_per_car = 6.0;  ///< normal service before the alarm [1/h, >= 0] (assumption)
  double persons_per_trip = 1.3;        ///< mean riders per trip [>= 1] (assumption)
  bool fire_lift_backup_power = true;   ///< firefighting lifts keep a separate supply (GB 50016-2014 7.3.8, 10.1)
  /// Entrapment: a technician or trained guard on site (TSG T5002-2017: ≤ 30 min in cities).
  Distribution rescue_response = Distribution::lognormal(900.0, 480.0, 0.0, 7200.0);
  Distribution release_duration = Distribution::fixed(600.0);  ///< on site → passengers out [s] (assumption)
  double passenger_report_delay_s = 120.0;  ///< without a working fault sensor, passengers press the alarm button [s]
};

// --- staff in the emergency -----------------------------------------------------------------------

/// An outside team called to the emergency (`assistance.responders`): the fire brigade brings
/// residents awaiting assistance out and sweeps floors with the guards; an ambulance crew takes
/// over medical emergencies from the guard who waits with the patient. docs/model.md, "Outside
/// responders".
struct ResponderTeam {
  enum class Kind : uint8_t { FireBrigade, Ambulance };
  Kind kind = Kind::FireBrigade;
  std::string name;                    ///< "fire_brigade", "ambulance" or the `name:` given (KPI names)
  uint32_t count = 6;                  ///< members on site who work [>= 1]
  /// The call until the team is at the gate [s]. Fire brigade: GB 51080-2015 (5 min from the
  /// dispatch order to the edge of the station's district) plus turnout; ambulance: the national
  /// target of a response under 12 min in cities (国卫医发〔2020〕19号). Both recalled; docs/model.md.
  Distribution arrival = Distribution::lognormal(480.0, 150.0, 180.0, 1800.0);
  double call_delay_s = 60.0;          ///< staff alerted → the call is made [s, >= 0] (assumption)
  /// `call: false`: the team is declared but never called (a plan's choice: its KPIs stay, empty).
  bool called = true;
  SourceName gate_name;                ///< `gate:` as written (empty: the site's first gate)
  NodeId gate;                         ///< where the team arrives (bound by the site)
  double level_mps = 1.2, down_mps = 0.8, up_mps = 0.5;  ///< walking in gear [m/s] (assumption: as guards, slower up)
};

enum class AssistMethod : uint8_t { Carry, FireLift };

/// The order in which free guards take the residents awaiting assistance (`assistance.order`).
enum class AssistOrder : uint8_t {
  FireFirst,  ///< burning buildings first, nearest the fire floor first, then by flat (the default)
  Nearest,    ///< each free guard takes the waiting resident he reaches soonest from where he is
  TopDown,    ///< highest floor first (then by flat)
};

struct AssistanceParams {
  uint32_t staff = 0;                  ///< security guards on duty [>= 0]
  SourceName post_name;                ///< `assistance.post` as written (empty: none)
  NodeId post;                         ///< where they are when alerted (bound by the site)
  AssistMethod method = AssistMethod::FireLift;  ///< falls back to Carry where no fire lift works
  double staff_level_mps = 1.2;        ///< guards walking, level [m/s] (IMO adult male range, middle)
  double staff_down_mps = 0.8;         ///< guards down stairs [m/s]
  double staff_up_mps = 0.55;          ///< guards up stairs [m/s] (IMO adult male range, low end: 30+ floors)
  double carry_down_mps = 0.40;        ///< evacuation chair / carry down stairs, along the incline [m/s] (see docs)
  double carry_level_mps = 0.69;       ///< pushing a wheelchair on the level [m/s] (Boyce et al. 1999, recalled)
  double transfer_s = 60.0;            ///< moving the resident onto the device [s] (assumption)
  bool sweep = true;                   ///< after the assisted residents, guards sweep the alarmed floors
  double check_per_flat_s = 15.0;      ///< sweeping: knock and check one flat [s] (assumption)
  /// A guard stays with a medical patient this long when no ambulance is called [s] (assumption).
  double medical_stay_s = 1200.0;
  std::vector<ResponderTeam> responders;  ///< outside teams called when the staff are alerted
  SourcePos responders_pos;               ///< where `responders:` is given
  AssistOrder order = AssistOrder::FireFirst;  ///< `order:` who is fetched first
  /// `from_roster:` roles of staff.roster whose members on duty when the staff are alerted are the
  /// emergency staff (instead of `staff` at `post`); empty: not joined. The simulation
  /// (engine/sim/emergency_replication.h) takes them off dispatch and gives them back.
  std::vector<SourceName> from_roster;
  SourcePos from_roster_pos;           ///< where `from_roster:` is given
};

/// Whether `name` (as written in assistance.from_roster) names the roster role `role`: the same
/// word, or `guard` for the role `security` (the guards of the emergency model).
[[nodiscard]] inline bool roster_role_is(const std::string& name, const std::string& role) {
  return name == role || (name == "guard" && role == "security");
}
/// Whether roster members of `role` answer the emergency (assistance.from_roster).
[[nodiscard]] inline bool answers_emergency(const AssistanceParams& a, const std::string& role) {
  for (const SourceName& n : a.from_roster)
    if (roster_role_is(n.text, role)) return true;
  return false;
}

// --- the drill ----------------------------------------------------------------------------------

enum class InjectionKind : uint8_t {
  StartFire, CloseLink, OpenLink, HoldOpen, FailElevator, FailSensor, SilenceSensor,
  CutPower, ReleaseFloor, SoundAlarm, BurstPipe, Medical,
};

struct Injection {
  double at_s = 0.0;
  InjectionKind kind = InjectionKind::CloseLink;
  /// What the action names, as written: a node, link or stair, elevator, sensor, "<building>/F<n>",
  /// or buildings (one each; `all_buildings` for "all"). The fields below are bound by the site.
  std::vector<SourceName> target;
  bool all_buildings = false;
  std::vector<uint32_t> links;      ///< CloseLink/OpenLink/HoldOpen: the links (a stair: all its flights)
  NodeId node;                      ///< StartFire, BurstPipe, Medical: where
  uint32_t elevator = 0;            ///< into Network::elevators
  uint32_t sensor = 0;              ///< into Network::sensors
  std::vector<int32_t> buildings;   ///< CutPower/RestorePower/SoundAlarm: building indices
  int32_t building = -1;            ///< ReleaseFloor
  int floor = 0;                    ///< ReleaseFloor
  double alpha = 0.01172;           ///< StartFire: α [kW/s²]
  double flow_lps = 5.0;            ///< BurstPipe: [L/s]
  double duration_s = kNeverS;      ///< CutPower: restored after this long
};

struct EmergencyConfig {
  /// The generated network with its elevators and sensors (shared, read-only): null as read, set
  /// in the site's bound copy (engine/sim/site.h).
  std::shared_ptr<const Network> site;
  HazardParams hazards;
  SensorParams sensors;
  AlarmParams alarm;
  ElevatorParams elevators;
  AssistanceParams assistance;
  std::vector<Injection> drill;     ///< ascending time (stable); bound: only those that resolved
  /// Where "nothing would raise the alarm" is reported (the `alarm:` key, else `drill:`).
  SourcePos alarm_check_pos;
};

/// Random-stream purposes (engine/kernel/random.h).
namespace emergency_streams {
inline constexpr const char* kSensorWorks = "sensor.works";        ///< entity: sensor; one draw
inline constexpr const char* kSensorDelay = "sensor.delay";        ///< entity: sensor
inline constexpr const char* kSensorFalse = "sensor.false_alarm";  ///< entity: sensor
inline constexpr const char* kLiftTraffic = "elevator.traffic";    ///< entity: elevator
inline constexpr const char* kLiftRescue = "elevator.rescue";      ///< entity: elevator
inline constexpr const char* kResponders = "responders.arrival";   ///< entity: team; one draw
}  // namespace emergency_streams

}  // namespace dt
