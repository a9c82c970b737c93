#pragma once
// Sensors and the alarm: who notices what, when, and when each floor hears the alarm.
//
// A sensor signals `delay` after its condition reaches its node — smoke arrival for smoke
// detectors, cameras (an operator sees it) and manual call points (a resident sees smoke and
// presses); smoke arrival on the fire floor for heat detectors (hot gases cool as they travel);
// water arrival for water-leak sensors; a fault of an elevator stopping there for elevator-fault
// sensors — if it works (one Bernoulli draw with its reliability per replication), has not been
// failed or silenced by the drill, and has power (battery for battery_h after a power cut).
// False alarms: a Poisson process per sensor (false_alarms_per_year); a fire-type false alarm
// sounds the alarm like a real one. The alarm sounds delay_to_residents after the first fire-type
// signal: everywhere (site), in the burning building (building), or on the fire floor ± n first and
// the rest phase_delay later (phased). Without any signal, the fallback raises it. docs/model.md,
// "Hazards, sensors and elevators".

#include <cstdint>
#include <vector>

#include "engine/hazards/emergency_config.h"
#include "engine/hazards/flooding.h"
#include "engine/hazards/smoke.h"

namespace dt {

struct DetectionInput {
  const SmokeField* smoke = nullptr;
  const FloodField* flood = nullptr;
  std::vector<FireStart> fires;
  double window_s = 3600.0;  ///< false alarms are drawn over [0, window)
};

struct DetectionResult {
  std::vector<double> signal_s;       ///< per sensor: when it signalled (+inf: never)
  std::vector<uint8_t> works;         ///< per sensor: the reliability draw
  std::vector<double> delay_s;        ///< per sensor: its detection delay in this replication [s]
  std::vector<double> disabled_from_s;  ///< per sensor: failed or silenced by the drill from [s]
  double first_fire_signal_s = kNeverS;  ///< first smoke/heat/camera/call-point signal (real or false)
  double first_real_signal_s = kNeverS;  ///< ... excluding false alarms
  double ignition_s = kNeverS;           ///< earliest fire
  bool by_sensor = false;                ///< the alarm came from a sensor (not the fallback / given)
  uint32_t false_alarms = 0;             ///< false alarms in the window
  double first_leak_signal_s = kNeverS;
  /// alarm_s[building][floor]: when residents there hear the alarm (+inf: never). Floor 0 unused.
  std::vector<std::vector<double>> alarm_s;
  double first_alarm_s = kNeverS;
  double staff_alerted_s = kNeverS;
};

/// Fire, smoke, water and the alarm (elevator faults come later: signal_elevator_fault).
[[nodiscard]] DetectionResult detect(const EmergencyConfig& config, const DetectionInput& input, uint64_t seed,
                                     uint64_t replication);

/// When the fault of elevator `e` at `fault_s` reaches the staff: the first working, powered
/// elevator-fault sensor at the car's lowest stop (its delay), else the passengers' alarm button.
[[nodiscard]] double signal_elevator_fault(const EmergencyConfig& config, const DetectionResult& detection,
                                           uint32_t elevator, double fault_s);

}  // namespace dt
