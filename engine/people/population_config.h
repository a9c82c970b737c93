#pragma once
// The plain configuration of the residents (engine/people/population.h synthesises them from it):
// households, census shares, presence by hour, free speeds by class and sex, pre-movement.
// No behaviour here; engine/scenario/ fills it. Sources of every default: docs/model.md.

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "engine/kernel/distribution.h"
#include "engine/kernel/input_error.h"

namespace dt {

enum class ResidentClass : uint8_t {
  Adult,           ///< 15–59, walks on his own
  Elderly,         ///< 60+, walks on his own
  Child,           ///< under 15, walks with the household
  NeedsAssistance, ///< cannot evacuate on his own; waits for staff (counted, not moved)
};
inline constexpr std::size_t kResidentClassCount = 4;
[[nodiscard]] const char* to_string(ResidentClass c) noexcept;

/// Uniform ranges of free speed on the three terrains [m/s].
struct SpeedRange {
  double level_min_mps = 0, level_max_mps = 0;
  double down_min_mps = 0, down_max_mps = 0;
  double up_min_mps = 0, up_max_mps = 0;
};

struct FreeSpeeds {
  double level_mps = 0, down_mps = 0, up_mps = 0;
};

/// A group of residents the scenario describes itself (`evacuation.population.groups`): who they
/// are, where they live, how fast they walk and when they start. Its speeds and pre-movement are
/// used exactly as given; the movement model then caps or reduces them only where docs/model.md
/// ("Population groups") says so. Residents that no group claims come from the census classes.
struct PopulationGroup {
  std::string name;  ///< unique; KPIs evacuation.group.<name>.… [letters, digits, '_', '-']
  SourcePos pos;     ///< where the group is written
  /// Share of the residents drawn from the households of the group's places [0, 1]; the shares of
  /// the groups covering one floor add up to at most 1 (the rest are census-class residents).
  /// Used when count == 0.
  double share = 0.0;
  /// > 0: exactly this many persons of the group, present whatever the hour, each a household of
  /// one, spread in turn over the occupied flats of its places (in network order).
  uint32_t count = 0;
  SourcePos share_pos;  ///< where `share` (or `count`) is written
  /// `buildings:` as written (empty: every building); bound to indices in `buildings` by the Site.
  std::vector<SourceName> building_names;
  std::vector<int32_t> buildings;
  int32_t floor_min = 1;                                   ///< lowest floor it lives on [>= 1]
  int32_t floor_max = std::numeric_limits<int32_t>::max(); ///< highest [>= floor_min]
  SourcePos floors_pos;
  /// Free walking speeds [m/s, support > 0 and < 10]: one draw per person feeds all three (a fast
  /// walker is fast on stairs too) for every kind except gamma.
  Distribution speed_level = Distribution::fixed(1.0);
  Distribution speed_down = Distribution::fixed(1.0);
  Distribution speed_up = Distribution::fixed(1.0);
  /// Pre-movement [s, support >= 0]; absent: the scenario's `evacuation.premovement`.
  std::optional<Distribution> premovement_day, premovement_night;
  /// Share at home by hour (0..23) [0, 1]; absent: the population's presence_by_hour. Not used
  /// for `count` groups (present whatever the hour).
  std::optional<std::array<double, 24>> presence_by_hour;
  /// The class the trace and present_by_class count him in; NeedsAssistance when needs_assistance.
  ResidentClass cls = ResidentClass::Adult;
  /// Cannot evacuate on his own: waits for staff (ready = +inf), as the census class does.
  bool needs_assistance = false;
  /// Share of the group that knows every exit of its building [0, 1]. Stored and reported only:
  /// today every resident takes the shortest route to any exit (docs/model.md).
  double exit_awareness = 1.0;
};

/// The group index of a resident drawn from the census classes (Population::group).
inline constexpr uint16_t kNoGroup = 0xFFFF;

struct PopulationConfig {
  uint32_t households_per_unit = 1;  ///< [>= 1]
  /// Persons per household [values 1..16]. Default: 1..6 persons with weights shaped like the 2020
  /// census shares and mean exactly 2.62 (China 7th census).
  Distribution persons_per_household = Distribution::discrete({1, 2, 3, 4, 5, 6}, {0.25, 0.295, 0.205, 0.135, 0.065, 0.05});
  double share_60_plus = 0.187;          ///< residents aged 60+, China 7th census 2020: 18.70 % [0, 1]
  double share_children = 0.1795;        ///< residents under 15, 7th census: 17.95 % (recalled) [0, 1]
  /// Residents who cannot evacuate on their own, counted among the 60+ [0, share_60_plus]. An
  /// assumption (about 1 in 20 of the 60+); set it from the community's own register.
  double share_needs_assistance = 0.01;
  /// Share of residents at home by hour of the day (0..23) [0, 1]. An illustrative profile (high at
  /// night, about half on weekday office hours); set it from local data.
  std::array<double, 24> presence_by_hour = {0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.92, 0.85, 0.65, 0.50, 0.45, 0.50,
                                             0.55, 0.50, 0.45, 0.45, 0.50, 0.60, 0.75, 0.85, 0.90, 0.92, 0.94, 0.95};
  /// Members of a household walk together, at the pace of the slowest present member.
  bool households_move_together = true;
  /// Only flats of these buildings (indices) are occupied; empty = every building.
  std::vector<int32_t> buildings;
  /// IMO MSC.1/Circ.1533 Annex 3 tables 3.4/3.5 (level / stairs down / stairs up), by class and sex
  /// (index 0 female, 1 male). Adults: the 30–50 groups; 60+: the "older than 50" groups; needs
  /// assistance: "older than 50, mobility impaired (2)"; children: as adult women (an assumption:
  /// children are led by an adult).
  std::array<std::array<SpeedRange, 2>, kResidentClassCount> speeds = {{
      {{{0.71, 1.19, 0.49, 0.81, 0.44, 0.74}, {0.97, 1.62, 0.64, 1.07, 0.47, 0.79}}},  // adult
      {{{0.56, 0.94, 0.45, 0.75, 0.37, 0.61}, {0.84, 1.40, 0.50, 0.84, 0.38, 0.64}}},  // 60+
      {{{0.71, 1.19, 0.49, 0.81, 0.44, 0.74}, {0.71, 1.19, 0.49, 0.81, 0.44, 0.74}}},  // child
      {{{0.37, 0.61, 0.29, 0.49, 0.23, 0.39}, {0.55, 0.91, 0.33, 0.55, 0.25, 0.41}}},  // needs assistance
  }};
  /// `groups:`; empty: every resident comes from the census classes above (the default groups:
  /// adult, 60+, child, needs assistance, by sex), drawn exactly as before groups existed.
  std::vector<PopulationGroup> groups;
};

/// Pre-movement time per household (alarm → start of movement) [s].
struct PreMovementConfig {
  /// Awake residents (an assumption within the ranges of PD 7974-6:2019 Annex C for dwellings).
  Distribution day = Distribution::lognormal(180.0, 120.0, 0.0, 1800.0);
  /// Asleep residents: longer and more spread.
  Distribution night = Distribution::lognormal(480.0, 300.0, 0.0, 3600.0);
  double night_start_s = 23 * 3600.0;  ///< clock time from which residents are asleep [s after midnight]
  double night_end_s = 7 * 3600.0;     ///< ... until [s after midnight]
};

/// "" when valid, else a sentence naming the parameter and its allowed range.
[[nodiscard]] std::string check_population_config(const PopulationConfig& c);

/// "" when `group` is valid on its own, else a sentence naming the parameter and its allowed
/// range. (Shares of overlapping groups and building names are checked by the Site.)
[[nodiscard]] std::string check_population_group(const PopulationGroup& group);

}  // namespace dt
