#pragma once
// Buildings coloured by walking time to a daily service: `drilltwin-view LAYOUT --access
// results/access/summary.json [--access-kind clinic]` reads what `drilltwin access` wrote and paints
// each building's roof by its worst flat's minutes for the reference group, in the bands of
// report.html (docs/access.md): ≤ 5 min, ≤ 10, ≤ 15, more, not reachable.

#include <optional>
#include <string>
#include <vector>

#include <osg/Vec4>

#include "engine/output/trace.h"
#include "viewer/hud.h"

namespace dtv {

struct AccessTint {
  std::string kind;                             ///< the service kind shown
  std::vector<std::optional<osg::Vec4>> roofs;  ///< per building of the scene; none: not in the file or no flats
  std::vector<LegendEntry> legend;              ///< the bands, titled with the kind
};

/// The colour of a worst-flat time [min] (+inf: not reachable), as report.html draws it.
[[nodiscard]] osg::Vec4 access_band_color(double minutes);

/// Reads an access summary.json. Throws UsageError (exit 2) for a file
/// that cannot be read or is not `drilltwin access` output, or an unknown kind (naming the kinds).
[[nodiscard]] AccessTint read_access_tint(const std::string& summary_path, const std::string& kind,
                                          const dt::trace::Scene& scene);

}  // namespace dtv
