#pragma once
// Security guards in an emergency: they fetch the residents who cannot evacuate on their own, deal
// with a medical emergency, and sweep the alarmed floors of a burning building.
//
// Guards set off when the staff are alerted (DetectionResult::staff_alerted_s) from their post (or,
// for staff taken from the dispatch roster, each from where he is: AssistanceInput::staff_at). The
// next free guard (earliest free, then lowest index) takes the next task: a medical emergency
// reported by then, else the next resident awaiting assistance (in the order of
// config.assistance.order: burning buildings first and nearest the fire floor first; the one he
// reaches soonest; or highest floor first), else the next floor to sweep (top down). A guard fetches a resident
//  - by carrying: walk up the stairs to the flat, transfer the resident onto an evacuation chair
//    (transfer_s), carry him down at carry_down_mps (level: carry_level_mps) to safety;
//  - by fire lift (method fire_lift, when the building has a fire lift that works then): walk to
//    the lift at the ground floor, ride up (the car stays with the guard), fetch the resident,
//    ride down and wheel him to safety.
// Guards walk at free speed on the routes open at the moment they set off (closed links and
// untenable nodes as for residents); they do not queue with the crowd (a stated limit).
// Outside responders (config.assistance.responders): the members of a fire brigade join the guards
// when they reach their gate and take the same tasks in the same order, except medical
// emergencies; a guard at a medical emergency stays until the ambulance crew reaches the patient
// (without an ambulance team: medical_stay_s).
// docs/model.md, "Hazards, sensors and elevators".

#include <cstdint>
#include <vector>

#include "engine/hazards/elevators.h"
#include "engine/hazards/emergency_config.h"
#include "engine/people/movement_observer.h"

namespace dt {

struct AssistanceInput {
  std::vector<NodeId> residents;      ///< those awaiting assistance: their flats
  std::vector<uint8_t> safe;          ///< per node: a safe place
  const NetworkTimeline* timeline = nullptr;  ///< closures over time (may be null)
  std::vector<FireStart> fires;
  double alerted_s = kNeverS;         ///< guards set off
  std::vector<double> medical_s;      ///< medical emergencies: reported at [s] ...
  std::vector<NodeId> medical_node;   ///< ... where
  std::vector<std::vector<NodeId>> sweep_floors;  ///< per floor to sweep: its corridor nodes (top first)
  std::vector<uint32_t> sweep_flats;  ///< per floor to sweep: flats to check
  /// Per team of config.assistance.responders: when it is at its gate [s] — a fire brigade once
  /// (+inf: never called), an ambulance once per medical emergency, in the order of medical_s.
  std::vector<std::vector<double>> team_at_gate_s;
  /// Staff taken from the dispatch roster: each one's place when alerted (after the `staff` guards
  /// at `post`, if any). They walk at the guards' speeds.
  std::vector<NodeId> staff_at;
  /// When not null (traces only), each guard's legs are appended here (StaffMove::resident is an
  /// index into `residents`); never read by the model.
  std::vector<StaffMove>* moves = nullptr;
};

struct AssistanceOutcome {
  std::vector<double> safe_s;         ///< per resident: safe at [s]; +inf: not rescued
  uint32_t by_fire_lift = 0, by_carry = 0;
  uint32_t unreachable = 0;           ///< flat cut off (smoke) before a guard could get there
  std::vector<double> medical_response_s;  ///< per medical emergency: report → guard there [s]
  double sweep_done_s = kNeverS;      ///< every floor to sweep checked [s]
  uint32_t floors_swept = 0;
  uint32_t by_guards = 0;             ///< rescues by the site's guards
  std::vector<uint32_t> by_team;      ///< per responder team: rescues by its members
  /// Per guard (the `staff` at `post`, then those of AssistanceInput::staff_at): when his last task
  /// is done [s] (the alert when he had none) and where he is then (the safe place he brought his
  /// last resident to, the patient, the last floor swept, or where he started).
  std::vector<double> guard_free_s;
  std::vector<NodeId> guard_free_at;
};

[[nodiscard]] AssistanceOutcome run_assistance(const EmergencyConfig& config, const AssistanceInput& input,
                                               const ElevatorOutcome& elevators, double max_time_s);

}  // namespace dt
