#pragma once
// Longitude/latitude (WGS 84) → local metres with PROJ: a transverse Mercator centred on the map
// (scale 1 on its central meridian), so that distances and areas of a compound a few hundred metres
// across come out true to well under 0.01 % (docs/import.md).

#include <memory>
#include <string>

#include "engine/import/map_data.h"

namespace dt::import {

struct PlanXY {
  double x = 0, y = 0;  ///< [m] east, north of the centre
};

class LocalProjection {
 public:
  /// A transverse Mercator with its origin at `centre`. Throws std::runtime_error if PROJ fails.
  explicit LocalProjection(LonLat centre);
  ~LocalProjection();
  LocalProjection(const LocalProjection&) = delete;
  LocalProjection& operator=(const LocalProjection&) = delete;

  [[nodiscard]] PlanXY forward(LonLat p) const;
  /// The PROJ string used ("+proj=tmerc +lat_0=... +lon_0=... +k=1 +ellps=WGS84").
  [[nodiscard]] const std::string& definition() const { return definition_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string definition_;
};

}  // namespace dt::import
