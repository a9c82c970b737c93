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
#include "engine/kernel/suggest.h"

namespace dt {

namespace {
DT_PHRASE(kTargetSense, "target '{}': give exactly one of at_least or at_most", "目标 '{}'：at_least 与 at_most 须且只须给出一个");
DT_PHRASE(kTargetConfidence, "confidence '{}': the reports judge targets on the 95 % interval; write 'confidence: 95%'",
          "置信度 '{}'：报告按 95% 置信区间判定目标，请写 'confidence: 95%'");
DT_PHRASE(kTargetConfidenceOnMean, "confidence applies to the mean; a target on '{}' is judged on that percentile itself",
          "置信度只适用于均值；针对 '{}' 的目标直接按该分位数判定");
}  // namespace


namespace {

constexpr double kDay_s = 86400.0;

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
  m.error(key, std::string(key) + " must be a clock time \"HH:MM\" or \"HH:MM:SS\" (got '" + *text + "')");
  return fallback_s;
}

void unknown_name(const ValueReader& v, const std::string& what, const std::string& name,
                  const std::vector<std::string>& known) {
  std::string msg = "unknown " + what + " '" + name + "' in '" + v.path() + "'";
  if (auto m = closest_match(name, known)) msg += " (did you mean '" + *m + "'?)";
  else if (!known.empty()) msg += "; known: " + fmt::format("{}", fmt::join(known.begin(), known.begin() + std::min<std::ptrdiff_t>(8, static_cast<std::ptrdiff_t>(known.size())), ", "));
  v.error(std::move(msg));
}

// --- the plain service desk ----------------------------------------------------------------------

// Either a constant rate or one rate per hour of the day.
void read_rates(MapReader& m, ArrivalProcessConfig& arrivals, bool required) {
  const std::optional<double> rate = m.optional_number("rate_per_hour", Range::at_least(0).at_most(1e9));
  const std::optional<std::vector<double>> profile = m.optional_number_list("profile_per_hour", Range::between(0, 1e9), 24);
  const bool has_rate = m.has("rate_per_hour"), has_profile = m.has("profile_per_hour");
  if (has_rate && has_profile) {
    m.error("profile_per_hour", "give either rate_per_hour or profile_per_hour in '" + m.label() + "', not both");
  } else if (required && !has_rate && !has_profile && m.node() != nullptr) {
    m.diag().error(m.pos(), "missing arrival rate in '" + m.label() +
                                "': give rate_per_hour (a constant rate) or profile_per_hour "
                                "(24 rates, one per hour of the day)");
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
    incidents.diag().error(incidents.pos(), "missing required key 'service_time' in '" + incidents.label() + "'");

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
    root.diag().error(root.pos(), "the run would never end: give run.duration or run.max_incidents");
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
          m.error(key, fmt::format("at most {} different skills", kMaxSkills));
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
      t.error("per_day", "give per_day (with an optional profile) or rate_per_hour / profile_per_hour, not both");
    const double per_day = t.number("per_day", Range::at_least(0).at_most(1e9));
    std::array<double, 24> shape = default_profile;
    if (const auto p = t.optional_number_list("profile", Range::between(0, 1e9), 24); p && p->size() == 24)
      std::copy(p->begin(), p->end(), shape.begin());
    double sum = 0;
    for (double x : shape) sum += x;
    if (sum <= 0) t.error("profile", "the profile is zero all day: give some hour a positive weight");
    for (std::size_t h = 0; h < 24; ++h) ty.arrivals.rate_per_h[h] = sum > 0 ? per_day * shape[h] / sum : 0.0;
  } else {
    read_rates(t, ty.arrivals, true);
    if (t.has("profile")) t.error("profile", "profile shapes per_day: give per_day with it (or use profile_per_hour alone)");
    t.ignore("profile");
  }
  MapReader w = t.map_or_empty("where");
  ty.where.units = w.number("units", has_layout && w.node() ? 0.0 : 1.0, Range::at_least(0).at_most(1e9));
  ty.where.common = w.number("common", 0.0, Range::at_least(0).at_most(1e9));
  ty.where.elevators = w.number("elevators", 0.0, Range::at_least(0).at_most(1e9));
  ty.where.outdoor = w.number("outdoor", 0.0, Range::at_least(0).at_most(1e9));
  if (ty.where.units + ty.where.common + ty.where.elevators + ty.where.outdoor <= 0)
    t.error("where", "give at least one place a positive weight (units, common, elevators, outdoor)");
  if (const auto v = t.optional_value("service_time")) ty.service_time = read_distribution(*v, Quantity::Duration);
  else t.diag().error(t.pos(), "missing required key 'service_time' in '" + t.label() + "'");
  const std::string src = t.choice("source", {"resident", "sensor", "patrol"}, "resident");
  ty.source = src == "sensor" ? IncidentSource::Sensor : src == "patrol" ? IncidentSource::Patrol : IncidentSource::Resident;
  if (const auto v = t.optional_value("report_delay")) ty.report_delay = read_distribution(*v, Quantity::Duration);
  else if (ty.source == IncidentSource::Patrol)
    t.diag().error(t.pos(), "'" + t.label() + "': a latent fault (source: patrol) needs report_delay: when a resident "
                            "would report it if no patrol finds it first");
  ty.patrol_find_probability = t.number("patrol_find_probability", ty.patrol_find_probability, Range::between(0, 1));
  ty.sla_response_s = t.duration("sla", ty.sla_response_s, Range::greater_than(0).at_most(30 * kDay_s));
  ty.sla_share = t.number("sla_share", ty.sla_share, Range::between(0, 1));
  if (auto c = t.optional_map("consumes")) {
    for (MapEntryReader& e : c->entries()) {
      const auto it = std::find(store_kinds.begin(), store_kinds.end(), e.key);
      if (it == store_kinds.end()) {
        unknown_name(e.value, "store kind (see `stores:`)", e.key, store_kinds);
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
  for (const ValueReader& item : staff.list("roster")) {
    MapReader m = item.map();
    RosterEntry entry;
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
      if (!has_layout) p->error("a post needs a `layout:` (without one staff have no place)");
      else entry.post.push_back(name_of(*p));
    }
    if (auto pm = m.optional_map("patrol")) {
      member.patrol.every_s = pm->duration("every", member.patrol.every_s, Range::greater_than(0).at_most(7 * kDay_s));
      member.patrol.dwell_s = pm->duration("dwell", member.patrol.dwell_s, Range::at_least(0).at_most(kDay_s));
      if (!has_layout) {
        pm->error("route", "a patrol needs a `layout:`");
      } else {
        const auto route = pm->value("route");
        if (route.node().is_scalar() && route.text() == "all") entry.patrol_all = true;
        else for (const ValueReader& r : route.list()) entry.patrol_route.push_back(name_of(r));
      }
    }
    if (entry.per_building) {
      if (!has_layout) {
        m.error("per_building", "per_building needs a `layout:`");
        continue;
      }
      if (m.has("count")) m.error("count", "give per_building or count, not both");
    } else {
      entry.count = m.integer("count", 1, Range::between(1, 10'000));
    }
    c.roster.push_back(std::move(entry));
  }
  c.roster_pos = staff.value_pos("roster");
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
    if (root.has("stores")) root.error("stores", "stores need an incident catalogue (`incidents.types`)");
  } else {
    DispatchConfig c;
    c.clock_start_s = timing.clock_start_s;
    c.duration_s = timing.duration_s;
    c.warmup_s = timing.warmup_s;
    c.max_incidents = timing.max_incidents;
    if (std::isinf(c.duration_s) && c.max_incidents == 0)
      diag.error(root.pos(), "the run would never end: give run.duration or run.max_incidents");

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
        m.error("kind", "two stores of kind '" + s.kind + "': give each kind once (its total stock)");
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
        t.error("name", "two incident types named '" + ty.name + "'");
      if (ty.name.find_first_of(" ./") != std::string::npos) t.error("name", "a type name may not contain spaces, '.' or '/' (it names KPIs)");
      c.types.push_back(std::move(ty));
    }
    if (c.types.empty() && inc.node() != nullptr) inc.error("types", "give at least one incident type");

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
        diag.error(type_pos[t], "nobody on the roster has every skill incident type '" + c.types[t].name +
                                                       "' needs: add them to a role's `skills`");
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
      if (vals.size() != 4) o.error("priority_value", "give 4 values, for priorities 1 to 4");
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
      d.error("strategy", "zone_butler needs butlers with buildings: a roster entry with `per_building: true` or a `zone:`");
    // Without a layout every trip takes no time: nearest, priority and optimal still run (on zero
    // travel times they choose by priority and waiting time alone).

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
