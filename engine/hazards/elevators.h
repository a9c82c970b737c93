#pragma once
// Elevator cars: normal service before the alarm, recall to the ground floor on the alarm, cars
// that stop (a drill fails one, a power cut stops all but fire lifts with their own supply), the
// passengers they trap and their rescue, and when each fire lift is free for staff.
//
// A car serves trips (Poisson, trips_per_hour_per_car): half from the ground floor up to a random
// served floor, half from a random floor down (a residential pattern); it runs to the trip's origin
// and then carries its riders (1 + Poisson(persons_per_trip − 1)). A stop-to-stop run takes
// door_open + door_close + h/v + v/a when the car reaches its rated speed, else 2√(h/a) plus the
// doors (world/routing.h, elevator_hop_time_s). A car that stops while it carries riders traps them.
// docs/model.md, "Hazards, sensors and elevators".

#include <cstdint>
#include <vector>

#include "engine/hazards/detection.h"
#include "engine/hazards/emergency_config.h"

namespace dt {

struct Entrapment {
  uint32_t elevator = 0;
  double fault_s = 0.0;      ///< the car stopped [s]
  uint32_t persons = 0;
  double reported_s = 0.0;   ///< the fault reached the staff [s]
  double on_site_s = 0.0;    ///< rescuer on site [s]
  double released_s = 0.0;   ///< passengers out [s]
  /// Height above ground of the car's floor where it stopped [m]: between the stops of its trip,
  /// linear in time from the doors closing to their opening (acceleration ignored; for the viewer).
  double height_m = 0.0;
};

struct ElevatorOutcome {
  std::vector<Entrapment> entrapments;
  /// Per elevator: recalled to the ground floor at [s] (+inf: not recalled).
  std::vector<double> recalled_s;
  /// Per elevator: out of service from [s] (failed, or no power) (+inf: never).
  std::vector<double> out_of_service_s;
  /// Per elevator: intervals [from, until) without power (its building's cuts; none for fire lifts
  /// with backup power).
  std::vector<std::vector<std::pair<double, double>>> unpowered;
  uint32_t trips = 0;
};

/// Stop-to-stop time of elevator `e` between two of its floors, heights from its stops' nodes in
/// `graph` [s] (0 for the same floor).
[[nodiscard]] double elevator_run_time_s(const ElevatorNet& e, int from_floor, int to_floor, const NavGraph& graph);

/// Runs the cars of `config.site` until the alarm (recall), the drill's faults or `horizon_s`.
[[nodiscard]] ElevatorOutcome run_elevators(const EmergencyConfig& config, const DetectionResult& detection,
                                            uint64_t seed, uint64_t replication, double horizon_s);

/// Whether car `e` can run at `t_s`.
[[nodiscard]] bool elevator_works(const ElevatorOutcome& o, uint32_t e, double t_s);

}  // namespace dt
