#include "engine/people/population.h"

#include <algorithm>
#include <cmath>
#include <limits>
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
DT_PHRASE(kGroupShare, "group '{}': share must be between 0 and 1 (got {})", "人群 '{}'：share 必须介于 0 与 1 之间（实际为 {}）");
DT_PHRASE(kGroupFloors, "group '{}': floors must run from a floor >= 1 up to one not below it (got {} to {})",
          "人群 '{}'：floors 必须从不低于 1 的楼层到不低于它的楼层（实际为 {} 到 {}）");
DT_PHRASE(kGroupSpeed, "group '{}': speed.{} must give speeds above 0 and below 10 m/s (its samples range over [{}, {}]; truncate a normal with min:)",
          "人群 '{}'：speed.{} 给出的步行速度必须大于 0 且小于 10 m/s（其样本范围为 [{}, {}]；正态分布请用 min: 截断）");
DT_PHRASE(kGroupPremovement, "group '{}': pre-movement times must not be negative (its samples reach {} s)",
          "人群 '{}'：预动作时间不得为负（其样本可达 {} s）");
DT_PHRASE(kGroupAwareness, "group '{}': exit_awareness must be between 0 and 1 (got {})", "人群 '{}'：exit_awareness 必须介于 0 与 1 之间（实际为 {}）");
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

FreeSpeeds group_speeds(const PopulationGroup& group, const RandomStream& stream) noexcept {
  RandomStream level = stream, down = stream, up = stream;  // one draw feeds all three
  return {group.speed_level.sample(level), group.speed_down.sample(down), group.speed_up.sample(up)};
}

bool group_lives_in(const PopulationGroup& group, int32_t building, int32_t floor) noexcept {
  if (floor < group.floor_min || floor > group.floor_max) return false;
  return group.buildings.empty() || std::find(group.buildings.begin(), group.buildings.end(), building) != group.buildings.end();
}

std::string check_population_group(const PopulationGroup& g) {
  if (!(g.share >= 0 && g.share <= 1)) return say(kGroupShare, g.name, num(g.share));
  if (g.floor_min < 1 || g.floor_min > g.floor_max) return say(kGroupFloors, g.name, g.floor_min, g.floor_max);
  const std::pair<const char*, const Distribution*> speeds[] = {
      {"level", &g.speed_level}, {"stairs_down", &g.speed_down}, {"stairs_up", &g.speed_up}};
  for (const auto& [key, d] : speeds)
    if (!(d->support_min() > 0 && d->support_max() < 10))
      return say(kGroupSpeed, g.name, key, num(d->support_min()), num(d->support_max()));
  for (const auto& d : {g.premovement_day, g.premovement_night})
    if (d && !(d->support_min() >= 0)) return say(kGroupPremovement, g.name, num(d->support_min()));
  if (!(g.exit_awareness >= 0 && g.exit_awareness <= 1)) return say(kGroupAwareness, g.name, num(g.exit_awareness));
  return {};
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
  const std::size_t hour = static_cast<std::size_t>(clock / 3600.0) % 24;
  const double presence = cfg.presence_by_hour[hour];
  const bool night = is_night(pre, clock);
  const Distribution& pre_dist = night ? pre.night : pre.day;
  const double p_assist = cfg.share_needs_assistance;
  const double p_elderly = cfg.share_60_plus;
  const double p_child = cfg.share_60_plus + cfg.share_children;

  // Groups (none: the census classes alone, drawn exactly as before groups existed).
  const bool grouped = !cfg.groups.empty();
  const StreamFamily group_pick(seed, replication, purpose_id(population_streams::kGroup));
  const StreamFamily group_speed(seed, replication, purpose_id(population_streams::kGroupSpeed));
  std::vector<double> group_presence;
  std::vector<const Distribution*> group_pre;
  for (const PopulationGroup& gr : cfg.groups) {
    group_presence.push_back(gr.presence_by_hour ? (*gr.presence_by_hour)[hour] : presence);
    const std::optional<Distribution>& own = night ? gr.premovement_night : gr.premovement_day;
    group_pre.push_back(own ? &*own : &pre_dist);
  }
  std::vector<uint16_t> eligible;  // the share groups of the current flat, and their cumulative shares
  std::vector<double> cumulative;
  eligible.reserve(cfg.groups.size());
  cumulative.reserve(cfg.groups.size());

  Population pop;
  const NavGraph& g = network.graph();
  std::size_t units = 0;
  for (const NavNode& n : g.nodes()) units += n.kind == NodeKind::Unit ? 1 : 0;
  pop.crowd.reserve(static_cast<std::size_t>(static_cast<double>(units * cfg.households_per_unit) * 3.0));

  uint32_t household = 0;
  std::array<ResidentClass, kMaxHouseholdSize> member_class{};
  std::array<uint8_t, kMaxHouseholdSize> member_female{};
  std::array<bool, kMaxHouseholdSize> member_present{};
  std::array<FreeSpeeds, kMaxHouseholdSize> member_speeds{};
  std::array<double, kMaxHouseholdSize> member_ready{};
  std::array<uint16_t, kMaxHouseholdSize> member_group{};
  auto occupied = [&](const NavNode& n) {
    return n.kind == NodeKind::Unit &&
           (cfg.buildings.empty() || std::find(cfg.buildings.begin(), cfg.buildings.end(), n.building) != cfg.buildings.end());
  };
  auto add_person = [&](NodeId unit, double ready, const FreeSpeeds& v, ResidentClass c, uint8_t female, uint32_t hh,
                        uint16_t grp) {
    pop.crowd.add(unit, ready, v.level_mps, v.down_mps, v.up_mps);
    pop.cls.push_back(c);
    pop.female.push_back(female);
    pop.household.push_back(hh);
    if (grouped) pop.group.push_back(grp);
    ++pop.present_by_class[static_cast<std::size_t>(c)];
  };
  for (std::size_t i = 0; i < g.node_count(); ++i) {
    const NavNode& node = g.nodes()[i];
    if (!occupied(node)) continue;
    const NodeId unit(static_cast<uint32_t>(i));
    if (grouped) {
      eligible.clear();
      cumulative.clear();
      double sum = 0;
      for (std::size_t k = 0; k < cfg.groups.size(); ++k) {
        const PopulationGroup& gr = cfg.groups[k];
        if (gr.count > 0 || !(gr.share > 0) || !group_lives_in(gr, node.building, node.floor)) continue;
        sum += gr.share;
        eligible.push_back(static_cast<uint16_t>(k));
        cumulative.push_back(sum);
      }
    }
    for (uint32_t h = 0; h < cfg.households_per_unit; ++h, ++household) {
      RandomStream hs = households.stream(household);
      const auto size = static_cast<uint32_t>(
          std::clamp(std::lround(cfg.persons_per_household.sample(hs)), 0L, static_cast<long>(kMaxHouseholdSize)));
      pop.residents += size;
      RandomStream ps = premove.stream(household);
      const double ready_s = pre_dist.sample(ps);
      FreeSpeeds together{1e9, 1e9, 1e9};
      double together_ready = -std::numeric_limits<double>::infinity();
      for (uint32_t m = 0; m < size; ++m) {
        const uint64_t entity = uint64_t{household} * kMaxHouseholdSize + m;
        RandomStream s = persons.stream(entity);
        const double u_present = s.uniform01();
        member_present[m] = u_present < presence;
        const double u = s.uniform01();
        member_class[m] = u < p_assist    ? ResidentClass::NeedsAssistance
                          : u < p_elderly ? ResidentClass::Elderly
                          : u < p_child   ? ResidentClass::Child
                                          : ResidentClass::Adult;
        member_female[m] = s.uniform01() < 0.5 ? 1 : 0;
        const double u_speed = s.uniform01();
        member_group[m] = kNoGroup;
        if (!eligible.empty()) {
          RandomStream gs = group_pick.stream(entity);
          const double ug = gs.uniform01();
          for (std::size_t k = 0; k < eligible.size(); ++k)
            if (ug < cumulative[k]) {
              member_group[m] = eligible[k];
              break;
            }
        }
        if (member_group[m] != kNoGroup) {
          const PopulationGroup& gr = cfg.groups[member_group[m]];
          member_present[m] = u_present < group_presence[member_group[m]];
          member_class[m] = gr.needs_assistance ? ResidentClass::NeedsAssistance : gr.cls;
          member_speeds[m] = group_speeds(gr, group_speed.stream(entity));
          RandomStream own = premove.stream(household);  // the household's draw: its members start alike
          member_ready[m] = group_pre[member_group[m]]->sample(own);
        } else {
          member_speeds[m] = free_speeds(cfg, member_class[m], member_female[m] != 0, u_speed);
          member_ready[m] = ready_s;
        }
        if (member_present[m] && member_class[m] != ResidentClass::NeedsAssistance) {
          const FreeSpeeds& v = member_speeds[m];
          together = {std::min(together.level_mps, v.level_mps), std::min(together.down_mps, v.down_mps),
                      std::min(together.up_mps, v.up_mps)};
          together_ready = std::max(together_ready, member_ready[m]);
        }
      }
      for (uint32_t m = 0; m < size; ++m) {
        if (!member_present[m]) continue;
        const ResidentClass c = member_class[m];
        FreeSpeeds v = member_speeds[m];
        double ready = member_ready[m];
        if (cfg.households_move_together && c != ResidentClass::NeedsAssistance) {
          v = together;  // at the pace of the slowest, once the last of them is ready
          ready = together_ready;
        }
        if (c == ResidentClass::NeedsAssistance) ready = std::numeric_limits<double>::infinity();
        add_person(unit, ready, v, c, member_female[m], household, member_group[m]);
      }
    }
  }
  // `count` groups: exactly that many persons, each a household of one, in turn over the group's
  // occupied flats (network order), present whatever the hour.
  std::vector<NodeId> flats;
  for (std::size_t k = 0; k < cfg.groups.size(); ++k) {
    const PopulationGroup& gr = cfg.groups[k];
    if (gr.count == 0) continue;
    flats.clear();
    for (std::size_t i = 0; i < g.node_count(); ++i)
      if (occupied(g.nodes()[i]) && group_lives_in(gr, g.nodes()[i].building, g.nodes()[i].floor))
        flats.emplace_back(static_cast<uint32_t>(i));
    if (flats.empty()) continue;
    for (uint32_t j = 0; j < gr.count; ++j, ++household) {
      const uint64_t entity = uint64_t{household} * kMaxHouseholdSize;
      RandomStream gs = group_pick.stream(entity);
      const uint8_t female = gs.uniform01() < 0.5 ? 1 : 0;
      RandomStream own = premove.stream(household);
      const double ready = gr.needs_assistance ? std::numeric_limits<double>::infinity() : group_pre[k]->sample(own);
      const ResidentClass c = gr.needs_assistance ? ResidentClass::NeedsAssistance : gr.cls;
      add_person(flats[j % flats.size()], ready, group_speeds(gr, group_speed.stream(entity)), c, female, household,
                 static_cast<uint16_t>(k));
      ++pop.residents;
    }
  }
  pop.households = household;
  return pop;
}

}  // namespace dt
