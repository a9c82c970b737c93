#include "engine/hazards/emergency_config.h"

namespace dt {

// Defaults per sensor kind (docs/model.md, "Sensors and the alarm", says which are assumptions).
SensorParams::SensorParams() {
  auto set = [&](SensorKind k, double delay_s, double reliability, double false_per_year) {
    SensorKindParams& p = kind[static_cast<std::size_t>(k)];
    p.delay = Distribution::fixed(delay_s);
    p.reliability = reliability;
    p.false_alarms_per_year = false_per_year;
  };
  set(SensorKind::SmokeDetector, 30.0, 0.90, 0.02);
  set(SensorKind::HeatDetector, 60.0, 0.95, 0.005);
  set(SensorKind::Camera, 120.0, 0.50, 0.0);
  set(SensorKind::WaterLeak, 10.0, 0.95, 0.05);
  set(SensorKind::ElevatorFault, 5.0, 0.95, 0.1);
  set(SensorKind::ManualCallPoint, 60.0, 0.50, 0.01);
}

}  // namespace dt
