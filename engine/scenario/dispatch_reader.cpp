#include "engine/scenario/clock_time.h"
#include "engine/scenario/dispatch_reader.h"

#include "engine/kernel/lang.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "engine/scenario/distribution_reader.h"
#include "engine/scenario/layout_loader.h"
#include "engine/kernel/civil_date.h"
#include "engine/kernel/suggest.h"

namespace dt {

namespace {
// Between the items of a list of ids in a message (the Chinese enumeration comma).
DT_PHRASE(kListComma, ", ", "、");
DT_PHRASE(kClockTime, "{} must be a clock time \"HH:MM\" or \"HH:MM:SS\" (got '{}')", "{} 必须是时刻 \"HH:MM\" 或 \"HH:MM:SS\"（实际为 '{}'）");
DT_PHRASE(kUnknownStoreKind, "unknown store kind (see `stores:`) '{}' in '{}'", "未知的物资种类（见 `stores:`） '{}'（位于 '{}'）");
DT_PHRASE(kDidYouMean, " (did you mean '{}'?)", "（是否想写 '{}'？）");
DT_PHRASE(kKnown, "; known: {}", "；已知的有：{}");
DT_PHRASE(kRateOrProfile, "give either rate_per_hour or profile_per_hour in '{}', not both", "'{}' 中请只给出 rate_per_hour 或 profile_per_hour 之一，不要同时给出");
DT_PHRASE(kMissingRate, "missing arrival rate in '{}': give rate_per_hour (a constant rate) or profile_per_hour (24 rates, one per hour of the day)",
          "'{}' 缺少到达率：请给出 rate_per_hour（恒定速率）或 profile_per_hour（24 个速率，每小时一个）");
DT_PHRASE(kMissingServiceTime, "missing required key 'service_time' in '{}'", "缺少必需的键 'service_time'（位于 '{}'）");
DT_PHRASE(kNeverEnds, "the run would never end: give run.duration or run.max_incidents", "运行将永不结束：请给出 run.duration 或 run.max_incidents");
DT_PHRASE(kMaxSkillsMsg, "at most {} different skills", "最多 {} 种不同的技能");
DT_PHRASE(kPerDayOrRate, "give per_day (with an optional profile) or rate_per_hour / profile_per_hour, not both",
          "请给出 per_day（可附带 profile）或 rate_per_hour / profile_per_hour，不要同时给出");
DT_PHRASE(kProfileZero, "the profile is zero all day: give some hour a positive weight", "profile 全天为零：请至少给某个小时一个正权重");
DT_PHRASE(kProfileNeedsPerDay, "profile shapes per_day: give per_day with it (or use profile_per_hour alone)",
          "profile 用于分配 per_day：请同时给出 per_day（或只用 profile_per_hour）");
DT_PHRASE(kWherePositive, "give at least one place a positive weight (units, common, elevators, outdoor)",
          "请至少给一个地点正权重（units、common、elevators、outdoor）");
DT_PHRASE(kLatentFault, "'{}': a latent fault (source: patrol) needs report_delay: when a resident would report it if no patrol finds it first",
          "'{}'：隐患（source: patrol）需要 report_delay：即巡检没有先发现时，居民多久后会报修");
DT_PHRASE(kPostNeedsLayout, "a post needs a `layout:` (without one staff have no place)", "岗位需要 `layout:`（没有布局，员工无处可站）");
DT_PHRASE(kPatrolNeedsLayout, "a patrol needs a `layout:`", "巡检需要 `layout:`");
DT_PHRASE(kPerBuildingNeedsLayout, "per_building needs a `layout:`", "per_building 需要 `layout:`");
DT_PHRASE(kPerBuildingOrCount, "give per_building or count, not both", "请给出 per_building 或 count，不要同时给出");
DT_PHRASE(kStoresNeedCatalogue, "stores need an incident catalogue (`incidents.types`)", "物资库需要事件目录（`incidents.types`）");
DT_PHRASE(kTwoStores, "two stores of kind '{}': give each kind once (its total stock)", "有两个种类为 '{}' 的物资库：每个种类只给一次（总库存）");
DT_PHRASE(kTwoTypes, "two incident types named '{}'", "有两个名为 '{}' 的事件类型");
DT_PHRASE(kTypeNameChars, "a type name may not contain spaces, '.' or '/' (it names KPIs)", "类型名不能包含空格、'.' 或 '/'（它用于 KPI 名称）");
DT_PHRASE(kNeedType, "give at least one incident type", "请至少给出一个事件类型");
DT_PHRASE(kNobodySkilled, "nobody on the roster has every skill incident type '{}' needs: add them to a role's `skills`",
          "排班中没有人具备事件类型 '{}' 所需的全部技能：请把这些技能加到某个岗位角色的 `skills` 中");
DT_PHRASE(kFourValues, "give 4 values, for priorities 1 to 4", "请给出 4 个值，对应优先级 1 到 4");
DT_PHRASE(kZoneButler, "zone_butler needs butlers with buildings: a roster entry with `per_building: true` or a `zone:`",
          "zone_butler 需要负责楼栋的管家：排班中需有 `per_building: true` 或 `zone:` 的条目");
DT_PHRASE(kTargetSense, "target '{}': give exactly one of at_least or at_most", "目标 '{}'：at_least 与 at_most 须且只须给出一个");
DT_PHRASE(kTargetConfidence, "confidence '{}': the reports judge targets on the 95 % interval; write 'confidence: 95%'",
          "置信度 '{}'：报告按 95% 置信区间判定目标，请写 'confidence: 95%'");
DT_PHRASE(kTargetConfidenceOnMean, "confidence applies to the mean; a target on '{}' is judged on that percentile itself",
          "置信度只适用于均值；针对 '{}' 的目标直接按该分位数判定");
DT_PHRASE(kUnknownRoleWage, "unknown role '{}' in costs.wages", "costs.wages 中有未知的岗位角色 '{}'");
DT_PHRASE(kUnknownTypeMaterial, "unknown incident type '{}' in '{}'", "未知的事件类型 '{}'（位于 '{}'）");
DT_PHRASE(kNightReversed, "the night runs from the evening (from: 12:00 or later, or 00:00) across midnight to the morning (to: 12:00 or earlier), e.g. from 22:00 to 06:00; got from {} to {} — are they swapped?",
          "夜班时段应从晚上（from 不早于 12:00，或为 00:00）跨过午夜到次日早上（to 不晚于 12:00），例如 22:00 至 06:00；实际为 {} 至 {}，是否写反了？");
DT_PHRASE(kNightEmpty, "the night window is empty: give from and to", "夜班时段为空：请给出 from 和 to");
DT_PHRASE(kWorkHoursReversed, "working hours must end after they start (got from {} to {})", "工作时间的结束时刻必须晚于开始时刻（实际为 {} 至 {}）");
DT_PHRASE(kDate, "{} must be a date \"YYYY-MM-DD\" (got '{}')", "{} 必须是日期 \"YYYY-MM-DD\"（实际为 '{}'）");
DT_PHRASE(kDateOrWeekday, "give start_date or start_weekday, not both", "请给出 start_date 或 start_weekday，不要同时给出");
DT_PHRASE(kHolidayNeedsDate, "holidays are dates: give calendar.start_date (the date of the day the run starts)",
          "节假日以日期给出：请给出 calendar.start_date（运行开始当天的日期）");
DT_PHRASE(kNoWorkingDay, "give at least one working day", "请至少给出一个工作日");
DT_PHRASE(kFacilityNeedsDuration, "facilities fail and are repaired over run.duration: give run.duration",
          "设施在 run.duration 内发生故障并维修：请给出 run.duration");
DT_PHRASE(kTwoFacilities, "two facility classes named '{}'", "有两个名为 '{}' 的设施类别");
DT_PHRASE(kFacilitiesNeedCatalogue, "facilities need an incident catalogue (`incidents.types`): a failure is an incident of one of its types",
          "设施需要事件目录（`incidents.types`）：故障是其中某一类型的事件");
}  // namespace


namespace {

constexpr double kDay_s = 86400.0;
const std::vector<std::string> kWeekdays = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

const std::vector<std::string> kRoles = {"security", "engineer", "electrician", "plumber", "cleaner", "butler"};

// Skills each role has unless the roster says otherwise (docs/model.md, "Staff and dispatch").
std::vector<std::string> default_skills(const std::string& role) {
  if (role == "security") return {"security", "elevator"};  // guards trained to release lift passengers
  if (role == "engineer") return {"general", "plumbing", "electrical", "elevator"};
  if (role == "electrician") return {"general", "electrical"};
  if (role == "plumber") return {"general", "plumbing"};
  if (role == "cleaner") return {"cleaning"};
  return {"general", "service"};  // butler
}


double read_clock(MapReader& m, std::string_view key, double fallback_s) {
  const auto text = m.optional_text(key);
  if (!text) return fallback_s;
  if (auto s = parse_clock_time(*text)) return *s;
  m.error(key, say(kClockTime, key, *text));
  return fallback_s;
}

void unknown_store_kind(const ValueReader& v, const std::string& name, const std::vector<std::string>& known) {
  std::string msg = say(kUnknownStoreKind, name, v.path());
  if (auto m = closest_match(name, known)) msg += say(kDidYouMean, *m);
  else if (!known.empty()) msg += say(kKnown, fmt::format("{}", fmt::join(known.begin(), known.begin() + std::min<std::ptrdiff_t>(8, static_cast<std::ptrdiff_t>(known.size())), say(kListComma))));
  v.error(std::move(msg));
}

// --- the plain service desk ----------------------------------------------------------------------

// Either a constant rate or one rate per hour of the day.
void read_rates(MapReader& m, ArrivalProcessConfig& arrivals, bool required) {
  const std::optional<double> rate = m.optional_number("rate_per_hour", Range::at_least(0).at_most(1e9));
  const std::optional<std::vector<double>> profile = m.optional_number_list("profile_per_hour", Range::between(0, 1e9), 24);
  const bool has_rate = m.has("rate_per_hour"), has_profile = m.has("profile_per_hour");
  if (has_rate && has_profile) {
    m.error("profile_per_hour", say(kRateOrProfile, m.label()));
  } else if (required && !has_rate && !has_profile && m.node() != nullptr) {
    m.diag().error(m.pos(), say(kMissingRate, m.label()));
  }
  if (rate) arrivals.rate_per_h.fill(*rate);
  if (profile && profile->size() == 24) std::copy(profile->begin(), profile->end(), arrivals.rate_per_h.begin());
}

ServiceDeskConfig read_desk(MapReader& root, const DispatchTiming& timing, DispatchStrategy& strategy,
                            ManualParams& manual) {
  ServiceDeskConfig desk;
  desk.arrivals.clock_start_s = timing.clock_start_s;
  desk.duration_s = timing.duration_s;
  desk.warmup_s = timing.warmup_s;
  desk.max_incidents = timing.max_incidents;

  MapReader incidents = root.map("incidents");
  MapReader arrivals = incidents.map("arrivals");
  read_rates(arrivals, desk.arrivals, true);
  if (const auto v = incidents.optional_value("service_time"))
    desk.service_time = read_distribution(*v, Quantity::Duration);
  else if (incidents.node() != nullptr)
    incidents.diag().error(incidents.pos(), say(kMissingServiceTime, incidents.label()));

  MapReader staff = root.map("staff");
  desk.staff_count = static_cast<uint32_t>(staff.integer("count", Range::between(1, 65'535)));

  MapReader dispatch = root.map_or_empty("dispatch");
  // Without a layout nobody has a place: nearest, priority and optimal have nothing to choose by,
  // and butlers no building. The desk knows fifo and manual.
  const std::string s = dispatch.choice("strategy", {"fifo", "manual"}, "fifo");
  strategy = s == "manual" ? DispatchStrategy::Manual : DispatchStrategy::Fifo;
  MapReader m = dispatch.map_or_empty("manual");
  if (const auto v = m.optional_value("processing_time")) manual.processing = read_distribution(*v, Quantity::Duration);
  manual.dispatchers = static_cast<uint32_t>(m.integer("dispatchers", manual.dispatchers, Range::between(1, 1000)));

  if (std::isinf(desk.duration_s) && desk.max_incidents == 0)
    root.diag().error(root.pos(), say(kNeverEnds));
  return desk;
}

// --- the catalogue -------------------------------------------------------------------------------

class Skills {
 public:
  SkillMask mask(const std::vector<std::string>& names, MapReader& m, std::string_view key) {
    SkillMask s = 0;
    for (const std::string& n : names) {
      auto it = std::find(names_.begin(), names_.end(), n);
      if (it == names_.end()) {
        if (names_.size() == kMaxSkills) {
          m.error(key, say(kMaxSkillsMsg, kMaxSkills));
          continue;
        }
        names_.push_back(n);
        it = names_.end() - 1;
      }
      s |= SkillMask{1} << (it - names_.begin());
    }
    return s;
  }
  [[nodiscard]] const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;
};

SourceName name_of(const ValueReader& v) { return SourceName{v.text(), v.pos(), v.path()}; }

void read_type(MapReader t, IncidentType& ty, Skills& skills, const DispatchTiming& timing,
               const std::array<double, 24>& default_profile, const std::vector<std::string>& store_kinds,
               bool has_layout) {
  ty.name = t.text("name");
  ty.priority = static_cast<uint8_t>(t.integer("priority", 3, Range::between(1, 4)));
  ty.skills = skills.mask(t.text_list_or_empty("skills").empty() ? std::vector<std::string>{"general"}
                                                                  : t.text_list_or_empty("skills"),
                          t, "skills");
  ty.arrivals.clock_start_s = timing.clock_start_s;
  const bool has_per_day = t.has("per_day");
  if (has_per_day) {
    if (t.has("rate_per_hour") || t.has("profile_per_hour"))
      t.error("per_day", say(kPerDayOrRate));
    const double per_day = t.number("per_day", Range::at_least(0).at_most(1e9));
    std::array<double, 24> shape = default_profile;
    if (const auto p = t.optional_number_list("profile", Range::between(0, 1e9), 24); p && p->size() == 24)
      std::copy(p->begin(), p->end(), shape.begin());
    double sum = 0;
    for (double x : shape) sum += x;
    if (sum <= 0) t.error("profile", say(kProfileZero));
    for (std::size_t h = 0; h < 24; ++h) ty.arrivals.rate_per_h[h] = sum > 0 ? per_day * shape[h] / sum : 0.0;
  } else {
    read_rates(t, ty.arrivals, true);
    if (t.has("profile")) t.error("profile", say(kProfileNeedsPerDay));
    t.ignore("profile");
  }
  MapReader w = t.map_or_empty("where");
  ty.where.units = w.number("units", has_layout && w.node() ? 0.0 : 1.0, Range::at_least(0).at_most(1e9));
  ty.where.common = w.number("common", 0.0, Range::at_least(0).at_most(1e9));
  ty.where.elevators = w.number("elevators", 0.0, Range::at_least(0).at_most(1e9));
  ty.where.outdoor = w.number("outdoor", 0.0, Range::at_least(0).at_most(1e9));
  if (ty.where.units + ty.where.common + ty.where.elevators + ty.where.outdoor <= 0)
    t.error("where", say(kWherePositive));
  if (const auto v = t.optional_value("service_time")) ty.service_time = read_distribution(*v, Quantity::Duration);
  else t.diag().error(t.pos(), say(kMissingServiceTime, t.label()));
  const std::string src = t.choice("source", {"resident", "sensor", "patrol"}, "resident");
  ty.source = src == "sensor" ? IncidentSource::Sensor : src == "patrol" ? IncidentSource::Patrol : IncidentSource::Resident;
  if (const auto v = t.optional_value("report_delay")) ty.report_delay = read_distribution(*v, Quantity::Duration);
  else if (ty.source == IncidentSource::Patrol)
    t.diag().error(t.pos(), say(kLatentFault, t.label()));
  ty.patrol_find_probability = t.number("patrol_find_probability", ty.patrol_find_probability, Range::between(0, 1));
  ty.sla_response_s = t.duration("sla", ty.sla_response_s, Range::greater_than(0).at_most(30 * kDay_s));
  ty.sla_share = t.number("sla_share", ty.sla_share, Range::between(0, 1));
  ty.first_time_fix = t.number("first_time_fix", ty.first_time_fix, Range::greater_than(0).at_most(1));
  if (const auto v = t.optional_value("revisit_delay")) ty.revisit_delay = read_distribution(*v, Quantity::Duration);
  ty.closure_working_days = t.number("closure_working_days", 0.0, Range::greater_than(0).at_most(3650));
  if (auto c = t.optional_map("consumes")) {
    for (MapEntryReader& e : c->entries()) {
      const auto it = std::find(store_kinds.begin(), store_kinds.end(), e.key);
      if (it == store_kinds.end()) {
        unknown_store_kind(e.value, e.key, store_kinds);
        continue;
      }
      if (const auto amount = e.value.try_number(Range::greater_than(0).at_most(1e9)))
        ty.consumes.emplace_back(static_cast<uint32_t>(it - store_kinds.begin()), *amount);
    }
  }
}

void read_shift(MapReader& member, ShiftConfig& shift) {
  const auto v = member.optional_value("shift");
  if (!v) return;
  if (v->node().is_scalar()) {  // "always"
    (void)v->choice({"always"});
    return;
  }
  MapReader s = v->map();
  shift.start_s = read_clock(s, "start", 0.0);
  shift.length_s = s.duration("length", Range::greater_than(0).at_most(kDay_s));
}

// Names (posts, zones, patrol routes) are kept with their positions: engine/sim/site.cpp resolves
// them and expands each entry into staff members.
void read_roster(MapReader staff, DispatchConfig& c, Skills& skills, bool has_layout) {
  std::map<std::string, SourcePos> names;  // entry name → where it is given
  for (const ValueReader& item : staff.list("roster")) {
    MapReader m = item.map();
    RosterEntry entry;
    // `name:` lets --set, sweeps and optimize address the entry (staff.roster.NAME.count).
    entry.name = read_item_name(m, {"roster entry", "排班条目", "staff.roster.2.count", "night_engineers"}, names)
                     .value_or(std::string());
    StaffMember& member = entry.member;
    member.role = m.choice("role", kRoles);
    const auto skill_names = m.has("skills") ? m.text_list("skills") : default_skills(member.role);
    member.skills = skills.mask(skill_names, m, "skills");
    read_shift(m, member.shift);
    entry.per_building = m.boolean("per_building", false);
    if (const auto z = m.optional_value("zone")) {
      for (const ValueReader& b : z->list())
        if (has_layout) entry.zone.push_back(name_of(b));
    }
    if (auto p = m.optional_value("post")) {
      if (!has_layout) p->error(say(kPostNeedsLayout));
      else entry.post.push_back(name_of(*p));
    }
    if (auto pm = m.optional_map("patrol")) {
      member.patrol.every_s = pm->duration("every", member.patrol.every_s, Range::greater_than(0).at_most(7 * kDay_s));
      member.patrol.dwell_s = pm->duration("dwell", member.patrol.dwell_s, Range::at_least(0).at_most(kDay_s));
      if (!has_layout) {
        pm->error("route", say(kPatrolNeedsLayout));
      } else {
        const auto route = pm->value("route");
        if (route.node().is_scalar() && route.text() == "all") entry.patrol_all = true;
        else for (const ValueReader& r : route.list()) entry.patrol_route.push_back(name_of(r));
      }
    }
    if (entry.per_building) {
      if (!has_layout) {
        m.error("per_building", say(kPerBuildingNeedsLayout));
        continue;
      }
      if (m.has("count")) m.error("count", say(kPerBuildingOrCount));
    } else {
      entry.count = m.integer("count", 1, Range::between(1, 10'000));
    }
    c.roster.push_back(std::move(entry));
  }
  c.roster_pos = staff.value_pos("roster");
}

void unknown_name(const ValueReader& v, const std::string& msg, const std::string& name, const std::vector<std::string>& known) {
  std::string m = msg;
  if (auto c = closest_match(name, known)) m += say(kDidYouMean, *c);
  else if (!known.empty()) m += say(kKnown, fmt::format("{}", fmt::join(known.begin(), known.begin() + std::min<std::ptrdiff_t>(8, static_cast<std::ptrdiff_t>(known.size())), say(kListComma))));
  v.error(std::move(m));
}

// `costs:` — wages per role, premiums, materials per incident type (docs/scenario-reference.md, "Costs").
void read_costs(MapReader& root, DispatchConfig& c) {
  CostConfig& k = c.costs;
  MapReader m = root.map_or_empty("costs");
  if (auto w = m.optional_map("wages")) {
    std::vector<std::string> roles = kRoles;
    roles.emplace_back("staff");
    for (MapEntryReader& e : w->entries()) {
      if (std::find(roles.begin(), roles.end(), e.key) == roles.end()) {
        unknown_name(e.value, say(kUnknownRoleWage, e.key), e.key, roles);
        continue;
      }
      if (const auto x = e.value.try_number(Range::at_least(0).at_most(1e6))) {
        auto it = std::find_if(k.wage_per_h.begin(), k.wage_per_h.end(), [&](const auto& p) { return p.first == e.key; });
        if (it != k.wage_per_h.end()) it->second = *x;
        else k.wage_per_h.emplace_back(e.key, *x);
      }
    }
  }
  k.default_wage_per_h = m.number("default_wage", k.default_wage_per_h, Range::at_least(0).at_most(1e6));
  k.night_premium = m.number("night_premium", k.night_premium, Range::at_least(0).at_most(10));
  k.weekend_premium = m.number("weekend_premium", k.weekend_premium, Range::at_least(0).at_most(10));
  k.overtime_premium = m.number("overtime_premium", k.overtime_premium, Range::at_least(0).at_most(10));
  if (auto n = m.optional_map("night")) {
    const auto from_text = n->optional_text("from"), to_text = n->optional_text("to");
    const double from = read_clock(*n, "from", k.night_start_s), to = read_clock(*n, "to", k.night_end_s);
    const bool from_ok = from == 0.0 || from >= 12 * 3600.0, to_ok = to <= 12 * 3600.0;
    if (from == 0.0 && to == 0.0) n->diag().error(n->pos(), say(kNightEmpty));
    else if (!from_ok || !to_ok)
      n->diag().error(n->pos(), say(kNightReversed, from_text.value_or("22:00"), to_text.value_or("06:00")));
    k.night_start_s = from;
    k.night_end_s = to;
  }
  std::vector<std::string> types;
  for (const IncidentType& t : c.types) types.push_back(t.name);
  if (auto mat = m.optional_map("material")) {
    for (MapEntryReader& e : mat->entries()) {
      const auto it = std::find(types.begin(), types.end(), e.key);
      if (it == types.end()) {
        unknown_name(e.value, say(kUnknownTypeMaterial, e.key, mat->path()), e.key, types);
        continue;
      }
      if (const auto x = e.value.try_number(Range::at_least(0).at_most(1e9)))
        c.types[static_cast<std::size_t>(it - types.begin())].material_cost = *x;
    }
  }
}

// `calendar:` — working days and hours for complaint closure, the weekday for weekend premiums.
void read_calendar(MapReader& root, WorkCalendar& cal) {
  MapReader m = root.map_or_empty("calendar");
  std::optional<int64_t> start_day;
  if (const auto d = m.optional_text("start_date")) {
    start_day = parse_date(*d);
    if (!start_day) m.error("start_date", say(kDate, "start_date", *d));
    else cal.start_weekday = static_cast<uint8_t>(weekday_of_epoch_day(*start_day));
    if (m.has("start_weekday")) m.error("start_weekday", say(kDateOrWeekday));
  }
  if (m.has("start_weekday")) {
    const std::string w = m.choice("start_weekday", kWeekdays);
    if (!start_day) cal.start_weekday = static_cast<uint8_t>(std::find(kWeekdays.begin(), kWeekdays.end(), w) - kWeekdays.begin());
  }
  if (const auto days = m.optional_value("working_days")) {
    cal.working_weekdays = 0;
    for (const ValueReader& v : days->list())
      if (const auto w = v.try_choice(kWeekdays))
        cal.working_weekdays |= static_cast<uint8_t>(1u << (std::find(kWeekdays.begin(), kWeekdays.end(), *w) - kWeekdays.begin()));
    if (cal.working_weekdays == 0) m.error("working_days", say(kNoWorkingDay));
  }
  if (const auto hol = m.optional_value("holidays")) {
    for (const ValueReader& v : hol->list()) {
      const auto text = v.try_text();
      if (!text) continue;
      const auto day = parse_date(*text);
      if (!day) v.error(say(kDate, v.path(), *text));
      else if (!start_day) v.error(say(kHolidayNeedsDate));
      else cal.holidays.push_back(*day - *start_day);
    }
    std::sort(cal.holidays.begin(), cal.holidays.end());
  }
  if (auto h = m.optional_map("working_hours")) {
    const auto from_text = h->optional_text("from"), to_text = h->optional_text("to");
    cal.work_start_s = read_clock(*h, "from", cal.work_start_s);
    cal.work_end_s = read_clock(*h, "to", cal.work_end_s);
    if (cal.work_end_s <= cal.work_start_s) {
      h->diag().error(h->pos(), say(kWorkHoursReversed, from_text.value_or("09:00"), to_text.value_or("18:00")));
      cal.work_start_s = 9 * 3600.0, cal.work_end_s = 18 * 3600.0;
    }
  }
}

// `facilities:` — key facilities that fail and are repaired; a failure is an incident of `type`.
void read_facilities(MapReader& root, DispatchConfig& c) {
  std::vector<std::string> types;
  for (const IncidentType& t : c.types) types.push_back(t.name);
  for (const ValueReader& item : root.list_or_empty("facilities")) {
    MapReader m = item.map();
    FacilityClass f;
    f.name = m.text("class");
    if (f.name.find_first_of(" ./") != std::string::npos) m.error("class", say(kTypeNameChars));
    if (std::any_of(c.facilities.begin(), c.facilities.end(), [&](const FacilityClass& o) { return o.name == f.name; }))
      m.error("class", say(kTwoFacilities, f.name));
    f.count = static_cast<uint32_t>(m.integer("count", 1, Range::between(1, 100'000)));
    const ValueReader tv = m.value("type");
    if (const auto name = tv.try_text()) {
      const auto it = std::find(types.begin(), types.end(), *name);
      if (it == types.end()) unknown_name(tv, say(kUnknownTypeMaterial, *name, m.path()), *name, types);
      else f.type = static_cast<uint32_t>(it - types.begin());
    }
    f.time_between_failures = read_distribution(m.value("time_between_failures"), Quantity::Duration);
    f.repair_time = read_distribution(m.value("repair_time"), Quantity::Duration);
    c.facilities.push_back(std::move(f));
  }
}

}  // namespace

bool has_dispatch_sections(const MapReader& root) {
  return root.has("incidents") || root.has("staff") || root.has("dispatch") || root.has("stores");
}

void read_dispatch(MapReader& root, const DispatchTiming& timing, ScenarioConfig& sc) {
  MapReader incidents_probe = root.map_or_empty("incidents");
  MapReader staff_probe = root.map_or_empty("staff");
  const bool catalogue = incidents_probe.has("types") || staff_probe.has("roster");
  Diagnostics& diag = root.diag();
  const int errors_before = diag.error_count();

  if (root.has("evacuation") && !has_dispatch_sections(root)) {
    // An evacuation drill without incidents or staff: nothing to dispatch.
  } else if (!catalogue) {
    DispatchStrategy strategy = DispatchStrategy::Fifo;
    ManualParams manual;
    ServiceDeskConfig desk = read_desk(root, timing, strategy, manual);
    if (strategy == DispatchStrategy::Fifo) {
      sc.desk = std::move(desk);
    } else {
      DispatchConfig d = dispatch_config(desk);
      d.strategy = strategy;
      d.manual = manual;
      sc.dispatch = std::move(d);
    }
    if (root.has("stores")) root.error("stores", say(kStoresNeedCatalogue));
    if (root.has("facilities")) root.error("facilities", say(kFacilitiesNeedCatalogue));
    if (sc.dispatch) {
      read_costs(root, *sc.dispatch);
      read_calendar(root, sc.dispatch->calendar);
    }
  } else {
    DispatchConfig c;
    c.clock_start_s = timing.clock_start_s;
    c.duration_s = timing.duration_s;
    c.warmup_s = timing.warmup_s;
    c.max_incidents = timing.max_incidents;
    if (std::isinf(c.duration_s) && c.max_incidents == 0)
      diag.error(root.pos(), say(kNeverEnds));

    // The site: the evacuation's layout, or the layout read here (engine/sim/site.h builds it).
    if (!sc.layout && root.has("layout") && !root.has("evacuation")) {
      LayoutConfig layout;
      layout.source_file = root.pos().file;
      MapReader l = root.map("layout");
      read_layout_into(l, layout);
      if (diag.error_count() == errors_before) sc.layout = std::move(layout);
    }
    const bool has_layout = sc.layout.has_value();

    // Stores first: incident types name their kinds.
    std::vector<std::string> store_kinds;
    for (const ValueReader& item : root.list_or_empty("stores")) {
      MapReader m = item.map();
      StoreStock s;
      s.kind = m.text("kind");
      if (std::find(store_kinds.begin(), store_kinds.end(), s.kind) != store_kinds.end())
        m.error("kind", say(kTwoStores, s.kind));
      s.stock = m.number("stock", Range::at_least(0).at_most(1e12));
      s.capacity = m.number("capacity", s.stock, Range::at_least(0).at_most(1e12));
      s.replenish_every_s = m.duration("replenish_every", s.replenish_every_s, Range::greater_than(0).at_most(365 * kDay_s));
      s.replenish_at_s = read_clock(m, "replenish_at", s.replenish_at_s);
      s.stockout_delay_s = m.duration("stockout_delay", s.stockout_delay_s, Range::at_least(0).at_most(30 * kDay_s));
      store_kinds.push_back(s.kind);
      c.stores.push_back(std::move(s));
    }

    Skills skills;
    MapReader inc = root.map("incidents");
    std::array<double, 24> profile;
    profile.fill(1.0);
    if (const auto p = inc.optional_number_list("profile", Range::between(0, 1e9), 24); p && p->size() == 24)
      std::copy(p->begin(), p->end(), profile.begin());
    std::vector<SourcePos> type_pos;
    for (const ValueReader& item : inc.list("types")) {
      IncidentType ty;
      MapReader t = item.map();
      type_pos.push_back(t.pos());
      read_type(t, ty, skills, timing, profile, store_kinds, has_layout);
      if (std::any_of(c.types.begin(), c.types.end(), [&](const IncidentType& o) { return o.name == ty.name; }))
        t.error("name", say(kTwoTypes, ty.name));
      if (ty.name.find_first_of(" ./") != std::string::npos) t.error("name", say(kTypeNameChars));
      c.types.push_back(std::move(ty));
    }
    if (c.types.empty() && inc.node() != nullptr) inc.error("types", say(kNeedType));

    MapReader staff = root.map("staff");
    TravelOptions& travel_options = c.travel_options;
    travel_options.use_elevators = staff.boolean("use_elevators", travel_options.use_elevators);
    travel_options.elevator_wait_s = staff.duration("elevator_wait", travel_options.elevator_wait_s, Range::at_least(0).at_most(3600));
    read_roster(staff, c, skills, has_layout);
    c.incidents_pos = inc.pos();
    c.skills = skills.names();
    for (std::size_t t = 0; t < c.types.size(); ++t) {
      const SkillMask need = c.types[t].skills;
      if (!std::any_of(c.roster.begin(), c.roster.end(), [&](const RosterEntry& e) { return (e.member.skills & need) == need; }))
        diag.error(type_pos[t], say(kNobodySkilled, c.types[t].name));
    }

    MapReader d = root.map_or_empty("dispatch");
    const std::vector<std::string> strategies(kStrategyNames.begin(), kStrategyNames.end());
    const std::string s = d.choice("strategy", strategies, "nearest");
    c.strategy = static_cast<DispatchStrategy>(std::find(strategies.begin(), strategies.end(), s) - strategies.begin());
    MapReader m = d.map_or_empty("manual");
    if (const auto v = m.optional_value("processing_time")) c.manual.processing = read_distribution(*v, Quantity::Duration);
    c.manual.dispatchers = static_cast<uint32_t>(m.integer("dispatchers", c.manual.dispatchers, Range::between(1, 1000)));
    MapReader o = d.map_or_empty("optimal");
    c.optimal.interval_s = o.duration("interval", c.optimal.interval_s, Range::greater_than(0).at_most(kDay_s));
    if (o.has("priority_value")) {
      const std::vector<ValueReader> vals = o.list("priority_value");
      if (vals.size() != 4) o.error("priority_value", say(kFourValues));
      for (std::size_t k = 0; k < std::min<std::size_t>(4, vals.size()); ++k)
        if (const auto x = vals[k].try_duration(Range::at_least(0).at_most(30 * kDay_s))) c.optimal.priority_value_s[k] = *x;
    }
    MapReader p = d.map_or_empty("priority");
    c.priority.preempting = static_cast<uint8_t>(p.integer("preempting", c.priority.preempting, Range::between(1, 4)));
    c.priority.preemptible = static_cast<uint8_t>(p.integer("preemptible", c.priority.preemptible, Range::between(1, 4)));
    MapReader z = d.map_or_empty("zone_butler");
    c.zone_butler.escalation_delay_s = z.duration("escalation_delay", c.zone_butler.escalation_delay_s, Range::at_least(0).at_most(kDay_s));
    if (c.strategy == DispatchStrategy::ZoneButler &&
        !std::any_of(c.roster.begin(), c.roster.end(), [](const RosterEntry& e) { return e.per_building || !e.zone.empty(); }))
      d.error("strategy", say(kZoneButler));
    // Without a layout every trip takes no time: nearest, priority and optimal still run (on zero
    // travel times they choose by priority and waiting time alone).
    read_facilities(root, c);
    if (!c.facilities.empty() && std::isinf(c.duration_s)) root.error("facilities", say(kFacilityNeedsDuration));
    read_costs(root, c);
    read_calendar(root, c.calendar);

    sc.dispatch = std::move(c);
  }

  // Targets: KPI → {at_least: v} or {at_most: v}, optionally on: p95 and confidence: 95%.
  if (auto t = root.optional_map("targets")) {
    for (MapEntryReader& e : t->entries()) {
      MapReader m = e.value.map();
      KpiGoal g;
      g.kpi = e.key;
      g.pos = e.key_pos;
      if (m.has("at_least") == m.has("at_most")) {
        m.diag().error(e.key_pos, say(kTargetSense, e.key));
        m.ignore("at_least");
        m.ignore("at_most");
        m.ignore("on");
        m.ignore("confidence");
        continue;
      }
      g.at_least = m.has("at_least");
      const char* key = g.at_least ? "at_least" : "at_most";
      // A time KPI (…_s) takes a duration ("45 min"); others a plain number.
      const bool time = e.key.size() > 2 && e.key.compare(e.key.size() - 2, 2, "_s") == 0;
      g.value = time ? m.duration(key) : m.number(key);
      const std::string on = m.choice("on", {"mean", "p50", "p90", "p95", "min", "max"}, "mean");
      g.on = on == "p50" ? GoalStatistic::P50 : on == "p90" ? GoalStatistic::P90 : on == "p95" ? GoalStatistic::P95
           : on == "min" ? GoalStatistic::Min : on == "max" ? GoalStatistic::Max : GoalStatistic::Mean;
      if (auto c = m.optional_text("confidence")) {
        std::string v = *c;
        std::erase(v, ' ');
        if (v != "95%" && v != "0.95") {
          m.error("confidence", say(kTargetConfidence, *c));
        } else if (g.on != GoalStatistic::Mean) {
          m.error("confidence", say(kTargetConfidenceOnMean, on));
        } else {
          g.confident = true;
        }
      }
      sc.targets.push_back(std::move(g));
    }
  }
  // Each type's response target, unless the scenario states its own.
  if (sc.dispatch && sc.dispatch->detailed_kpis)
    for (const IncidentType& ty : sc.dispatch->types) {
      const std::string kpi = "dispatch.type." + ty.name + ".within_sla_fraction";
      if (std::none_of(sc.targets.begin(), sc.targets.end(), [&](const KpiGoal& g) { return g.kpi == kpi; }))
        sc.targets.push_back({kpi, true, ty.sla_share, {}});
    }
}

}  // namespace dt
