#include "engine/people/population.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "engine/kernel/random.h"
#include "engine/kernel/lang.h"

namespace dt {

namespace {
DT_PHRASE(kHouseholdsPerUnit, "households_per_unit must be between 1 and 1000 (got {})", "households_per_unit 必须介于 1 与 1000 之间（实际为 {}）");
DT_PHRASE(kPersonsPerHousehold, "persons_per_household must lie between 0 and 16 persons (its support is [{}, {}])",
          "persons_per_household 必须介于 0 与 16 人之间（其取值范围为 [{}, {}]）");
DT_PHRASE(kShare60, "share_60_plus must be between 0 and 1 (got {})", "share_60_plus 必须介于 0 与 1 之间（实际为 {}）");
DT_PHRASE(kShareChildren, "share_children must be between 0 and 1 - share_60_plus (got {})", "share_children 必须介于 0 与 1 - share_60_plus 之间（实际为 {}）");
DT_PHRASE(kShareAssist, "share_needs_assistance must be between 0 and share_60_plus ({}): those who need assistance are counted among the 60+ (got {})",
          "share_needs_assistance 必须介于 0 与 share_60_plus（{}）之间：需要协助的人计入 60 岁以上人群（实际为 {}）");
DT_PHRASE(kPresence, "presence_by_hour values must be between 0 and 1 (got {})", "presence_by_hour 的值必须介于 0 与 1 之间（实际为 {}）");
DT_PHRASE(kSpeedRanges, "speed ranges must satisfy 0 < min <= max < 10 m/s (got {}..{})", "速度范围必须满足 0 < min <= max < 10 m/s（实际为 {}..{}）");
}  // namespace

namespace {

constexpr uint32_t kMaxHouseholdSize = 16;  // persons per household; entity = household·16 + member

std::string num(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

}  // namespace

const char* to_string(ResidentClass c) noexcept {
  switch (c) {
    case ResidentClass::Adult: return "adult";
    case ResidentClass::Elderly: return "60+";
    case ResidentClass::Child: return "child";
    case ResidentClass::NeedsAssistance: return "needs assistance";
  }
  return "?";
}

std::string check_population_config(const PopulationConfig& c) {
  if (c.households_per_unit < 1 || c.households_per_unit > 1000)
    return say(kHouseholdsPerUnit, num(c.households_per_unit));
  if (!(c.persons_per_household.support_min() >= 0 && c.persons_per_household.support_max() <= kMaxHouseholdSize))
    return say(kPersonsPerHousehold, num(c.persons_per_household.support_min()), num(c.persons_per_household.support_max()));
  if (!(c.share_60_plus >= 0 && c.share_60_plus <= 1)) return say(kShare60, num(c.share_60_plus));
  if (!(c.share_children >= 0 && c.share_children <= 1 - c.share_60_plus))
    return say(kShareChildren, num(c.share_children));
  if (!(c.share_needs_assistance >= 0 && c.share_needs_assistance <= c.share_60_plus))
    return say(kShareAssist, num(c.share_60_plus), num(c.share_needs_assistance));
  for (const double p : c.presence_by_hour)
    if (!(p >= 0 && p <= 1)) return say(kPresence, num(p));
  for (const auto& by_sex : c.speeds)
    for (const SpeedRange& r : by_sex)
      for (auto [lo, hi] : {std::pair{r.level_min_mps, r.level_max_mps}, std::pair{r.down_min_mps, r.down_max_mps},
                            std::pair{r.up_min_mps, r.up_max_mps}})
        if (!(lo > 0 && lo <= hi && hi < 10)) return say(kSpeedRanges, num(lo), num(hi));
  return {};
}

FreeSpeeds free_speeds(const PopulationConfig& config, ResidentClass c, bool female, double u) noexcept {
  const SpeedRange& r = config.speeds[static_cast<std::size_t>(c)][female ? 0 : 1];
  return {r.level_min_mps + u * (r.level_max_mps - r.level_min_mps),
          r.down_min_mps + u * (r.down_max_mps - r.down_min_mps), r.up_min_mps + u * (r.up_max_mps - r.up_min_mps)};
}

bool is_night(const PreMovementConfig& config, double clock_s) noexcept {
  const double t = std::fmod(std::fmod(clock_s, 86400.0) + 86400.0, 86400.0);
  if (config.night_start_s <= config.night_end_s) return t >= config.night_start_s && t < config.night_end_s;
  return t >= config.night_start_s || t < config.night_end_s;  // the window wraps midnight
}

Population synthesize_population(const EvacuationNetwork& network, const PopulationConfig& cfg,
                                 const PreMovementConfig& pre, double alarm_clock_s, uint64_t seed,
                                 uint64_t replication) {
  const StreamFamily households(seed, replication, purpose_id(population_streams::kHousehold));
  const StreamFamily persons(seed, replication, purpose_id(population_streams::kPerson));
  const StreamFamily premove(seed, replication, purpose_id(population_streams::kPreMovement));
  const double clock = std::fmod(std::fmod(alarm_clock_s, 86400.0) + 86400.0, 86400.0);
  const double presence = cfg.presence_by_hour[static_cast<std::size_t>(clock / 3600.0) % 24];
  const Distribution& pre_dist = is_night(pre, clock) ? pre.night : pre.day;
  const double p_assist = cfg.share_needs_assistance;
  const double p_elderly = cfg.share_60_plus;
  const double p_child = cfg.share_60_plus + cfg.share_children;

  Population pop;
  const NavGraph& g = network.graph();
  std::size_t units = 0;
  for (const NavNode& n : g.nodes()) units += n.kind == NodeKind::Unit ? 1 : 0;
  pop.crowd.reserve(static_cast<std::size_t>(static_cast<double>(units * cfg.households_per_unit) * 3.0));

  uint32_t household = 0;
  std::array<ResidentClass, kMaxHouseholdSize> member_class{};
  std::array<uint8_t, kMaxHouseholdSize> member_female{};
  std::array<double, kMaxHouseholdSize> member_u{};
  std::array<bool, kMaxHouseholdSize> member_present{};
  auto occupied = [&](const NavNode& n) {
    return n.kind == NodeKind::Unit &&
           (cfg.buildings.empty() || std::find(cfg.buildings.begin(), cfg.buildings.end(), n.building) != cfg.buildings.end());
  };
  for (std::size_t i = 0; i < g.node_count(); ++i) {
    if (!occupied(g.nodes()[i])) continue;
    const NodeId unit(static_cast<uint32_t>(i));
    for (uint32_t h = 0; h < cfg.households_per_unit; ++h, ++household) {
      RandomStream hs = households.stream(household);
      const auto size = static_cast<uint32_t>(
          std::clamp(std::lround(cfg.persons_per_household.sample(hs)), 0L, static_cast<long>(kMaxHouseholdSize)));
      pop.residents += size;
      RandomStream ps = premove.stream(household);
      const double ready_s = pre_dist.sample(ps);
      FreeSpeeds group{1e9, 1e9, 1e9};
      for (uint32_t m = 0; m < size; ++m) {
        RandomStream s = persons.stream(uint64_t{household} * kMaxHouseholdSize + m);
        member_present[m] = s.uniform01() < presence;
        const double u = s.uniform01();
        member_class[m] = u < p_assist    ? ResidentClass::NeedsAssistance
                          : u < p_elderly ? ResidentClass::Elderly
                          : u < p_child   ? ResidentClass::Child
                                          : ResidentClass::Adult;
        member_female[m] = s.uniform01() < 0.5 ? 1 : 0;
        member_u[m] = s.uniform01();
        if (member_present[m] && member_class[m] != ResidentClass::NeedsAssistance) {
          const FreeSpeeds v = free_speeds(cfg, member_class[m], member_female[m] != 0, member_u[m]);
          group = {std::min(group.level_mps, v.level_mps), std::min(group.down_mps, v.down_mps),
                   std::min(group.up_mps, v.up_mps)};
        }
      }
      for (uint32_t m = 0; m < size; ++m) {
        if (!member_present[m]) continue;
        const ResidentClass c = member_class[m];
        FreeSpeeds v = free_speeds(cfg, c, member_female[m] != 0, member_u[m]);
        if (cfg.households_move_together && c != ResidentClass::NeedsAssistance) v = group;
        const double ready = c == ResidentClass::NeedsAssistance ? std::numeric_limits<double>::infinity() : ready_s;
        pop.crowd.add(unit, ready, v.level_mps, v.down_mps, v.up_mps);
        pop.cls.push_back(c);
        pop.female.push_back(member_female[m]);
        pop.household.push_back(household);
        ++pop.present_by_class[static_cast<std::size_t>(c)];
      }
    }
  }
  pop.households = household;
  return pop;
}

}  // namespace dt
