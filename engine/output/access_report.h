#pragma once
// What `drilltwin access` found (docs/access.md) and the files it writes: summary.json (shape in
// docs/formats.md, "summary.json of access"), report.html (a map of the buildings coloured by
// minutes to the nearest service, and the tables) and the console's headline lines.
// Plain data: engine/jobs/access_job.cpp fills it from the network.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dt {

/// The circles reported, in minutes on foot (the 5/10/15-minute life circles of GB 50180-2018).
inline constexpr std::array<double, 3> kAccessCircles_min = {5.0, 10.0, 15.0};

using PlanPoint = std::pair<double, double>;  ///< [m] site x east, y north

/// How one group of residents reaches the nearest service of one kind.
struct AccessGroupResult {
  std::string group;                 ///< "adult", "elderly", "child", "needs_assistance"
  double level_mps = 0, stairs_mps = 0;
  std::array<double, 3> share_within{};  ///< households within kAccessCircles_min [0, 1]
  double mean_min = 0;               ///< over the households that can reach one
  double max_min = 0;
  std::size_t unreachable = 0;       ///< households that reach no service of the kind
};

struct AccessBuildingRow {
  std::string building;
  std::size_t households = 0;
  double mean_min = 0;               ///< the reference group's mean over the building's flats
  double worst_min = 0;              ///< ... and its worst flat (infinity: unreachable)
};

struct AccessKindResult {
  std::string kind;                  ///< "clinic", "canteen", ...
  std::vector<std::string> services; ///< ids of the services of this kind counted (open at the time asked)
  std::vector<AccessGroupResult> groups;
  std::vector<AccessBuildingRow> buildings;  ///< every building with flats, worst served first
};

/// One candidate of a what-if: a service added (or moved) there.
struct AccessCandidate {
  PlanPoint at;
  std::string label;                 ///< as given ("120,80") or a service id for --set
  double share_within = 0;           ///< reference group, the what-if's circle [0, 1]
  double mean_min = 0;
};

struct AccessWhatIf {
  std::string kind;
  std::string moved;                 ///< a service id when candidates move it; "" when they add one
  double circle_min = 15;
  double baseline_share = 0;
  double baseline_mean_min = 0;
  std::vector<AccessCandidate> candidates;
  std::size_t best = 0;              ///< index of the best candidate (highest share, then lowest mean)
};

struct AccessMapBuilding {
  std::string id;
  std::vector<PlanPoint> outline;
};

struct AccessMapService {
  std::string id, kind, name;
  PlanPoint at;
};

struct AccessReport {
  std::string layout;                ///< the layout's name
  std::string source_file;
  std::string reference_group;       ///< the group behind worst buildings, the map and what-ifs
  int at_minute = -1;                ///< only services open at this minute after midnight; -1 = all
  std::size_t households = 0;
  std::vector<AccessKindResult> kinds;
  std::vector<AccessWhatIf> what_ifs;
  // The map.
  std::vector<PlanPoint> site;
  std::vector<std::vector<PlanPoint>> paths;
  std::vector<AccessMapBuilding> buildings;
  std::vector<AccessMapService> services;
};

/// summary.json. Deterministic: the same report gives the same bytes.
[[nodiscard]] std::string access_summary_json(const AccessReport& report);
/// report.html: self-contained (inline CSS and SVG), one map per kind.
[[nodiscard]] std::string access_report_html(const AccessReport& report);
/// The console's lines, in the current language: one per kind, then the what-ifs.
[[nodiscard]] std::vector<std::string> access_headline(const AccessReport& report);

}  // namespace dt
