#pragma once
// The `access` job: walking time from every household (flat) to the nearest daily service of each
// kind on the layout's network, per group of residents, and what-ifs that add or move a service
// (docs/access.md). Configuration in, an AccessReport out; files through output/ when out_dir is set.

#include <optional>
#include <string>
#include <vector>

#include "engine/jobs/job.h"
#include "engine/output/access_report.h"
#include "engine/people/population_config.h"
#include "engine/world/access.h"
#include "engine/world/layout.h"

namespace dt::jobs {

/// A group of residents and how it walks.
struct AccessGroup {
  std::string name;
  WalkSpeeds speeds;
};

/// The resident classes of `population` as walking groups: adult, elderly (60+), child,
/// needs_assistance. Each walks at the middle of its IMO MSC.1/Circ.1533 range (level; stairs
/// down, the way out of a block), averaged over women and men (docs/access.md). Then the
/// scenario's population groups, each at the means of its level and stairs-down speeds; a group
/// named like a class replaces it.
[[nodiscard]] std::vector<AccessGroup> access_groups(const PopulationConfig& population, bool use_lifts = true);

/// A what-if: each candidate point gets a new service of `kind` (or `move` is moved there).
struct AccessWhatIfRequest {
  std::string kind;                  ///< a service kind; with `move`, the moved service's kind
  std::string move;                  ///< a service id to move, or "" to add a service
  std::vector<std::pair<std::string, Vec2>> candidates;  ///< label and point [m]
  double circle_min = 15;            ///< judged on the share within this many minutes
  SourcePos pos;                     ///< where the request was written (for errors)
};

struct AccessOptions : JobOptions {
  std::string reference_group = "elderly";
  int at_minute = -1;                ///< count only services open then (minutes after midnight); -1 = all
  bool use_lifts = true;
  std::optional<AccessWhatIfRequest> what_if;
};

/// Computes the report. Throws InputError for a layout with errors, an unknown group, kind or
/// service, and std::runtime_error when a file cannot be written (out_dir set: summary.json and
/// report.html, atomically as one set).
[[nodiscard]] AccessReport access(const LayoutConfig& layout, const PopulationConfig& population,
                                  const AccessOptions& options);

}  // namespace dt::jobs
