#include "engine/world/layout.h"

#include <cmath>
#include <numbers>

namespace dt {

bool FloorSet::contains(int floor) const {
  if (all) return true;
  for (const auto& [lo, hi] : ranges)
    if (floor >= lo && floor <= hi) return true;
  return false;
}

double BuildingConfig::storey_height_m(int floor) const {
  return floor == 1 && ground_floor_height_m ? *ground_floor_height_m : floor_height_m;
}

double BuildingConfig::elevation_m(int floor) const {
  if (floor <= 1) return 0.0;
  return storey_height_m(1) + (floor - 2) * floor_height_m;
}

Vec2 BuildingConfig::to_site(Vec2 local) const {
  if (rotation_deg == 0.0) return {at.x + local.x, at.y + local.y};
  const double r = rotation_deg * std::numbers::pi / 180.0;
  const double c = std::cos(r), s = std::sin(r);
  return {at.x + c * local.x - s * local.y, at.y + s * local.x + c * local.y};
}

std::string_view to_string(SensorKind kind) noexcept {
  switch (kind) {
    case SensorKind::SmokeDetector: return "smoke_detector";
    case SensorKind::HeatDetector: return "heat_detector";
    case SensorKind::Camera: return "camera";
    case SensorKind::WaterLeak: return "water_leak";
    case SensorKind::ElevatorFault: return "elevator_fault";
    case SensorKind::ManualCallPoint: return "manual_call_point";
  }
  return "?";
}

std::string_view to_string(StoreKind kind) noexcept {
  switch (kind) {
    case StoreKind::DailyNecessities: return "daily_necessities";
    case StoreKind::Medical: return "medical";
    case StoreKind::Energy: return "energy";
  }
  return "?";
}

std::string_view to_string(ServiceKind kind) noexcept {
  const auto i = static_cast<std::size_t>(kind);
  return i < kServiceKindCount ? std::string_view(service_kind_names()[i]) : std::string_view("?");
}

const std::vector<std::string>& service_kind_names() {
  static const std::vector<std::string> names = {"clinic",       "pharmacy",    "canteen", "grocery",
                                                 "elderly_care", "kindergarten", "school", "other"};
  return names;
}

bool ServiceConfig::open_at(int minute) const noexcept {
  if (open_from_min == 0 && open_until_min >= 24 * 60) return true;
  if (open_from_min <= open_until_min) return minute >= open_from_min && minute < open_until_min;
  return minute >= open_from_min || minute < open_until_min;  // past midnight
}

}  // namespace dt
