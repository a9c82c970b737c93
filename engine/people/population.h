#pragma once
// Who is at home when the alarm sounds, how fast each of them walks and when each household starts
// to move. Residents are synthesised per replication from the network's Unit nodes:
//
//   unit → households (households_per_unit) → persons (persons_per_household, a distribution with
//   mean 2.62, China 7th census 2020) → per person: present? (share at home at the alarm's hour),
//   class (needs assistance / 60+ / child / adult by the configured shares), sex (1:1), free speeds
//   on level ground, stairs down and stairs up (IMO MSC.1/Circ.1533 Annex 3 ranges, uniform within
//   the range) → per household: pre-movement time (lognormal, day or night).
//
// With `groups:` (PopulationConfig::groups) each person also draws a group among the share
// groups of his flat's building and floor (cumulative shares; beyond them: the census classes
// above, drawn as before), and every `count` group adds its persons after all households. A
// group member's speeds and pre-movement come from the group's distributions, unchanged.
//
// Every draw comes from a counter-based stream keyed by the household or person (common random
// numbers): a resident's speed or a household's pre-movement never depends on other residents.
// Sources of every default: docs/model.md, "People and their movement".

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/kernel/distribution.h"
#include "engine/people/crowd_model.h"
#include "engine/people/population_config.h"

namespace dt {

/// The residents of one replication: the crowd the movement model moves, plus who they are.
struct Population {
  Crowd crowd;                          ///< present residents only
  std::vector<ResidentClass> cls;       ///< per present resident
  std::vector<uint8_t> female;          ///< per present resident
  std::vector<uint32_t> household;      ///< per present resident: household index
  /// Per present resident: index into PopulationConfig::groups, kNoGroup for a census-class
  /// resident. Empty when the configuration has no groups.
  std::vector<uint16_t> group;
  uint32_t households = 0;              ///< households in the layout
  uint32_t residents = 0;               ///< all residents, present or not
  std::array<uint32_t, kResidentClassCount> present_by_class{};
};

/// Random-stream purposes (engine/kernel/random.h).
namespace population_streams {
inline constexpr const char* kHousehold = "evac.household";      ///< entity: household; draw 0 its size
inline constexpr const char* kPerson = "evac.person";            ///< entity: household·16 + member
inline constexpr const char* kPreMovement = "evac.premovement";  ///< entity: household
/// Only with groups: which group a person belongs to (entity: household·16 + member) and his
/// speeds in it (entity as above; a `count` person is member 0 of his own household).
inline constexpr const char* kGroup = "evac.group";
inline constexpr const char* kGroupSpeed = "evac.group.speed";
}  // namespace population_streams

/// The free speeds of a resident of class `c` and sex at quantile `u` ∈ (0, 1) of every range
/// (one draw: a fast walker is fast on stairs too).
[[nodiscard]] FreeSpeeds free_speeds(const PopulationConfig& config, ResidentClass c, bool female, double u) noexcept;

/// The free speeds of a member of `group` drawn from `stream`: the three distributions sample
/// the same first draw (copies of the stream), so a fast walker is fast on stairs too.
[[nodiscard]] FreeSpeeds group_speeds(const PopulationGroup& group, const RandomStream& stream) noexcept;

/// Whether a flat on `floor` of building `building` is one of the group's places.
[[nodiscard]] bool group_lives_in(const PopulationGroup& group, int32_t building, int32_t floor) noexcept;

/// True when clock time `clock_s` (seconds after midnight) lies in the night window.
[[nodiscard]] bool is_night(const PreMovementConfig& config, double clock_s) noexcept;

/// Synthesises the residents present at `alarm_clock_s` (seconds after midnight; the simulation's
/// t = 0 is the alarm) in the Unit nodes of `network`.
[[nodiscard]] Population synthesize_population(const EvacuationNetwork& network, const PopulationConfig& population,
                                               const PreMovementConfig& premovement, double alarm_clock_s,
                                               uint64_t seed, uint64_t replication);

}  // namespace dt
