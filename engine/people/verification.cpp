#include "engine/people/verification.h"
#include "engine/people/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "engine/people/population.h"
#include "engine/kernel/lang.h"

namespace dt {

namespace {
// The sources of the expected values, as `drilltwin verify` prints them (formulas stay as written).
DT_PHRASE(kSrcCensusHousehold, "China 7th census 2020: 2.62; +/- 4 standard errors", "第七次全国人口普查（2020）：2.62；±4 个标准误");
DT_PHRASE(kSrcCensus60, "China 7th census 2020: 18.70 %; +/- 4 standard errors", "第七次全国人口普查（2020）：18.70 %；±4 个标准误");
DT_PHRASE(kSrcImoAdultLevel, "IMO MSC.1/Circ.1533 table 3.4: U(0.71,1.19), U(0.97,1.62); +/- 4 SE",
          "IMO MSC.1/Circ.1533 表 3.4：U(0.71,1.19), U(0.97,1.62)；±4 个标准误");
DT_PHRASE(kSrcImoElderlyLevel, "IMO table 3.4: U(0.56,0.94), U(0.84,1.40); +/- 4 SE", "IMO 表 3.4：U(0.56,0.94), U(0.84,1.40)；±4 个标准误");
DT_PHRASE(kSrcImoStairs, "IMO MSC.1/Circ.1533 table 3.5: U({},{}), U({},{}); +/- 4 SE", "IMO MSC.1/Circ.1533 表 3.5：U({},{}), U({},{})；±4 个标准误");
DT_PHRASE(kSrcImoUniform, "IMO: uniform within the range", "IMO：在范围内均匀分布");
DT_PHRASE(kSrcImo1, "IMO MSC.1/Circ.1533 Annex 3 test 1: 40 m / 1.0 m/s", "IMO MSC.1/Circ.1533 附录 3 测试 1：40 m / 1.0 m/s");
DT_PHRASE(kSrcImo3, "IMO test 3 (hydraulic): 10 m / S0 = 10 / 0.92210 = 10.845 s; S0 = k(1 - 0.266 x 0.54), k = 51.8/60 x sqrt(28/18) = 1.07677 m/s",
          "IMO 测试 3（水力模型）：10 m / S0 = 10 / 0.92210 = 10.845 s；S0 = k(1 - 0.266 x 0.54)，k = 51.8/60 x sqrt(28/18) = 1.07677 m/s");
DT_PHRASE(kSrcImo4, "IMO test 4 with SFPE layers: C = 1.33*(1-0.3) = 0.931 p/s; (N-1)/C",
          "IMO 测试 4，计入 SFPE 边界层：C = 1.33*(1-0.3) = 0.931 p/s；(N-1)/C");
DT_PHRASE(kSrcSfpeNOverC, "SFPE N/C = 100/0.931 = 107.4 s; we count the last person on entry: -1/C",
          "SFPE N/C = 100/0.931 = 107.4 s；本模型以最后一人进入时计：-1/C");
DT_PHRASE(kSrcImo4Flow, "IMO test 4: mean flow <= 1.33 p/s; hand N/T = 100/(99/0.931) = 0.9404 p/s (SFPE N/(N/C) = C = 0.931 p/s)",
          "IMO 测试 4：平均流量 <= 1.33 p/s；手算 N/T = 100/(99/0.931) = 0.9404 p/s（SFPE N/(N/C) = C = 0.931 p/s）");
DT_PHRASE(kSrcSfpeDoor, "SFPE: C = 1.3 p/s/m x (w - 0.3 m); (N-1)/C", "SFPE 公式：C = 1.3 p/s/m x (w - 0.3 m)；(N-1)/C");
DT_PHRASE(kSrcStairShort20, "kinematic wave u^2, u = (sqrt(20.8608) + sqrt(20.8608 + 4 x 5.54777/1.07677))/2 = 30.289 s; band: k(1 +/- 2a/A) = 1.19149 / 0.96204 m/s: 29.437 s, SFPE saturated 31.165 s",
          "运动波 u^2，u = (sqrt(20.8608) + sqrt(20.8608 + 4 x 5.54777/1.07677))/2 = 30.289 s；区间：k(1 +/- 2a/A) = 1.19149 / 0.96204 m/s：29.437 s，SFPE 饱和人流 31.165 s");
DT_PHRASE(kSrcStairShort100, "SFPE saturated stream L/S(1.88) + (N-1)/C = 5.54777/0.53838 + 99/0.91080 = 119.000 s (exact from N = 35)",
          "SFPE 饱和人流 L/S(1.88) + (N-1)/C = 5.54777/0.53838 + 99/0.91080 = 119.000 s（N = 35 起精确）");
DT_PHRASE(kSrcStairShort300, "SFPE saturated stream L/S(1.88) + (N-1)/C = 5.54777/0.53838 + 299/0.91080 = 338.588 s (exact from N = 35)",
          "SFPE 饱和人流 L/S(1.88) + (N-1)/C = 5.54777/0.53838 + 299/0.91080 = 338.588 s（N = 35 起精确）");
DT_PHRASE(kSrcStairLong20, "kinematic wave u^2, u = (sqrt(20.8608) + sqrt(20.8608 + 4 x 55.4777/1.07677))/2 = 96.356 s; band: the same with k(1 +/- 2a/A): 89.857, 104.316 s",
          "运动波 u^2，u = (sqrt(20.8608) + sqrt(20.8608 + 4 x 55.4777/1.07677))/2 = 96.356 s；区间：同上，取 k(1 +/- 2a/A)：89.857, 104.316 s");
DT_PHRASE(kSrcStairLong100, "kinematic wave u^2, u = (sqrt(108.6959) + sqrt(108.6959 + 4 x 55.4777/1.07677))/2 = 198.358 s; band: the same with k(1 +/- 2a/A): 190.434, 208.045 s (SFPE saturated 211.741 s)",
          "运动波 u^2，u = (sqrt(108.6959) + sqrt(108.6959 + 4 x 55.4777/1.07677))/2 = 198.358 s；区间：同上，取 k(1 +/- 2a/A)：190.434, 208.045 s（SFPE 饱和人流 211.741 s）");
DT_PHRASE(kSrcStairLong300, "kinematic wave u^2, u = (sqrt(328.2835) + sqrt(328.2835 + 4 x 55.4777/1.07677))/2 = 425.084 s; band: k(1 + 2a/A): 416.197 s, SFPE saturated 431.329 s",
          "运动波 u^2，u = (sqrt(328.2835) + sqrt(328.2835 + 4 x 55.4777/1.07677))/2 = 425.084 s；区间：k(1 + 2a/A)：416.197 s，SFPE 饱和人流 431.329 s");
DT_PHRASE(kSrcSfpeLevel, "SFPE: 20 / (1.4 (1 - 0.266 x 2)) = 20 / 0.6552 = 30.525 s", "SFPE 公式：20 / (1.4 (1 - 0.266 x 2)) = 20 / 0.6552 = 30.525 s");
DT_PHRASE(kSrcSfpeSolutionA, "SFPE Handbook hand calculation, solution A: 1524 s (1200/0.8 = 1500 s + 24 s to reach the exit)",
          "SFPE 手册手算，解法 A：1524 s（1200/0.8 = 1500 s，加上到达出口的 24 s）");
DT_PHRASE(kSrcRimea1, "RiMEA test 1: 26 s <= T <= 34 s; hand 40 / min(1.33, 1.4 (1 - 0.266 x 0.54)) = 33.4 s",
          "RiMEA 测试 1：26 s <= T <= 34 s；手算 40 / min(1.33, 1.4 (1 - 0.266 x 0.54)) = 33.4 s");
DT_PHRASE(kSrcRimea10, "RiMEA test 10 style: pre-movement + 10 m / 1 m/s", "仿 RiMEA 测试 10：预动作时间 + 10 m / 1 m/s");
DT_PHRASE(kSrcRimea11, "RiMEA test 11 style: shortest route; 25 m is not an equally good route", "仿 RiMEA 测试 11：最短路径；25 m 的路线并不同样好");
DT_PHRASE(kSrcRimea9Four, "(250-1)/C, C = 1.3 x 0.7", "(250-1)/C，其中 C = 1.3 x 0.7");
DT_PHRASE(kSrcRimea9Two, "(500-1)/C", "(500-1)/C，C 同上");
DT_PHRASE(kSrcGroupFast, "hand: pre-movement + (15 m door + 40 m corridor) / speed = 30 + 55 / 1.0 = 85.0 s; +/- 0.1 s",
          "手算：预动作时间 + （15 m 户门 + 40 m 走廊）/ 速度 = 30 + 55 / 1.0 = 85.0 s；±0.1 s");
DT_PHRASE(kSrcGroupSlow, "hand: 60 + (15 + 40) / 0.5 = 170.0 s; +/- 0.1 s", "手算：60 + (15 + 40) / 0.5 = 170.0 s；±0.1 s");
DT_PHRASE(kSrcGroupShare, "the group's share 0.25; +/- 4 standard errors", "人群比例 0.25；±4 个标准误");
DT_PHRASE(kSrcRimea9Ratio, "RiMEA test 9: about twice; hand 499/249 = 2.004", "RiMEA 测试 9：约为两倍；手算 499/249 = 2.004");
}  // namespace

namespace verification_networks {

namespace {

NodeId add(NavGraph& g, NodeKind kind, double area_m2, double z_m, std::string label, int32_t floor = 1) {
  NavNode n;
  n.kind = kind;
  n.area_m2 = area_m2;
  n.position.z = z_m;
  n.building = kind == NodeKind::AssemblyPoint ? -1 : 0;
  n.floor = kind == NodeKind::AssemblyPoint ? 0 : floor;
  n.label = std::move(label);
  return g.add_node(std::move(n));
}

LinkId connect(NavGraph& g, NodeId a, NodeId b, LinkKind kind, double length_m, double width_m,
               double riser_m = 0.0, double tread_m = 0.0, int32_t stair = -1) {
  NavLink l;
  l.a = a;
  l.b = b;
  l.kind = kind;
  l.length_m = length_m;
  l.width_m = width_m;
  l.riser_m = riser_m;
  l.tread_m = tread_m;
  l.building = 0;
  l.stair = stair;
  return g.add_link(l);
}

}  // namespace

std::shared_ptr<NavGraph> corridor(double length_m, double width_m, LinkKind kind, double start_area_m2) {
  auto g = std::make_shared<NavGraph>();
  const NodeId start = add(*g, NodeKind::Corridor, start_area_m2, 0.0, "start");
  const NodeId safe = add(*g, NodeKind::AssemblyPoint, 1e6, 0.0, "safe");
  connect(*g, start, safe, kind, length_m, width_m);
  g->finalize();
  return g;
}

std::shared_ptr<NavGraph> room_with_exits(double area_m2, double width_m, const std::vector<double>& exit_lengths_m) {
  auto g = std::make_shared<NavGraph>();
  const NodeId room = add(*g, NodeKind::Corridor, area_m2, 0.0, "room");
  for (std::size_t i = 0; i < exit_lengths_m.size(); ++i) {
    const NodeId out = add(*g, NodeKind::AssemblyPoint, 1e6, 0.0, numbered("out", static_cast<long long>(i + 1)));
    connect(*g, room, out, LinkKind::Exit, exit_lengths_m[i], width_m);
  }
  g->finalize();
  return g;
}

std::shared_ptr<NavGraph> stair(int flights, double width_m, double riser_m, double tread_m, double storey_height_m,
                                double landing_area_m2) {
  auto g = std::make_shared<NavGraph>();
  const double flight_m = sfpe::stair_incline_length_m(storey_height_m, riser_m, tread_m);
  NodeId upper = add(*g, NodeKind::Corridor, 1000.0, flights * storey_height_m, "top", flights + 1);
  for (int f = flights; f >= 1; --f) {
    const NodeId lower = f == 1 ? add(*g, NodeKind::AssemblyPoint, 1e6, 0.0, "bottom")
                                : add(*g, NodeKind::StairLanding, landing_area_m2, (f - 1) * storey_height_m,
                                      numbered("L", f), f);
    connect(*g, upper, lower, LinkKind::Stair, flight_m, width_m, riser_m, tread_m, 0);
    upper = lower;
  }
  g->finalize();
  return g;
}

std::shared_ptr<NavGraph> nine_storey_office() {
  constexpr double kInch = 0.0254;
  constexpr double kStorey_m = 12 * 12 * kInch;          // 12 ft
  constexpr double kRiser_m = 7 * kInch, kTread_m = 11 * kInch;
  constexpr double kStairWidth_m = 44 * kInch, kDoorWidth_m = 36 * kInch;
  const double flight_m = sfpe::stair_incline_length_m(kStorey_m, kRiser_m, kTread_m);
  auto g = std::make_shared<NavGraph>();
  std::vector<NodeId> floors(10);
  for (int f = 2; f <= 9; ++f) floors[f] = add(*g, NodeKind::Corridor, 1500.0, (f - 1) * kStorey_m, numbered("F", f), f);
  for (int s = 0; s < 2; ++s) {
    const std::string tag = numbered("S", s + 1);
    NodeId below = add(*g, NodeKind::StairLanding, 2.5, 0.0, tag + "/F1", 1);
    const NodeId out = add(*g, NodeKind::AssemblyPoint, 1e6, 0.0, tag + "/out");
    connect(*g, below, out, LinkKind::Exit, 0.0, kDoorWidth_m);
    for (int f = 2; f <= 9; ++f) {
      const double z = (f - 1) * kStorey_m;
      const NodeId landing = add(*g, NodeKind::StairLanding, 2.5, z, numbered(tag + "/F", f), f);
      connect(*g, landing, below, LinkKind::Stair, flight_m, kStairWidth_m, kRiser_m, kTread_m, s);
      const NodeId vestibule = add(*g, NodeKind::Corridor, 6.0, z, numbered(tag + "/V", f), f);
      connect(*g, floors[f], vestibule, LinkKind::Opening, 20.0, 2.0);
      connect(*g, vestibule, landing, LinkKind::Door, 0.0, kDoorWidth_m);
      below = landing;
    }
  }
  g->finalize();
  return g;
}

NodeId office_floor(const NavGraph& office, int floor) {
  std::string label("F");
  label.append(std::to_string(floor));
  return office.find_node(label);
}

}  // namespace verification_networks

namespace {

namespace vn = verification_networks;
constexpr double kFast_mps = 5.0;  // free speed that never binds: the hydraulic speed governs
constexpr double kExact = 1e-6;    // tolerance of cases the model reproduces exactly [s]

MovementParams default_params() { return MovementParams{}; }

// `n` people in node 0 of `graph`, all ready at t = 0 with the given free speeds.
MovementResult run_crowd(const std::shared_ptr<NavGraph>& graph, const MovementParams& params, int n,
                         double level_mps = kFast_mps, double stair_mps = kFast_mps) {
  const EvacuationNetwork net(graph, params);
  Crowd crowd;
  for (int i = 0; i < n; ++i) crowd.add(NodeId(0), 0.0, level_mps, stair_mps, stair_mps);
  return simulate_movement(net, crowd, 1e6);
}

VerificationCase exact(std::string name, std::string what, std::string source, std::string unit, double expected,
                       double tolerance, std::function<double()> run) {
  return {std::move(name), std::move(what),  std::move(source),     std::move(unit),
          expected,        expected - tolerance, expected + tolerance, std::move(run)};
}

double door_capacity(double width_m, double fs = 1.3) { return fs * (width_m - 0.30); }

// A block of `units` flats on one corridor that leads to an assembly point.
std::shared_ptr<NavGraph> block_of_units(int units) {
  auto g = std::make_shared<NavGraph>();
  NavNode corridor{NodeKind::Corridor, {}, 1e5, 0, 1, "corridor"};
  const NodeId c = g->add_node(corridor);
  NavNode safe{NodeKind::AssemblyPoint, {}, 1e6, -1, 0, "safe"};
  const NodeId s = g->add_node(safe);
  NavLink out;
  out.a = c;
  out.b = s;
  out.kind = LinkKind::Exit;
  out.width_m = 2.0;
  g->add_link(out);
  for (int i = 0; i < units; ++i) {
    NavNode u{NodeKind::Unit, {}, 80.0, 0, 1, numbered("U", i)};
    NavLink door;
    door.a = g->add_node(u);
    door.b = c;
    door.kind = LinkKind::Door;
    door.width_m = 0.9;
    door.length_m = 5.0;
    g->add_link(door);
  }
  g->finalize();
  return g;
}

// Mean and standard deviation of a 1:1 mixture of two uniform ranges.
std::pair<double, double> uniform_mix(double lo1, double hi1, double lo2, double hi2) {
  const double m1 = (lo1 + hi1) / 2, m2 = (lo2 + hi2) / 2;
  const double v1 = (hi1 - lo1) * (hi1 - lo1) / 12, v2 = (hi2 - lo2) * (hi2 - lo2) / 12;
  const double m = (m1 + m2) / 2;
  return {m, std::sqrt((v1 + m1 * m1 + v2 + m2 * m2) / 2 - m * m)};
}

void append_population_cases(std::vector<VerificationCase>& cases) {
  constexpr int kUnits = 50000;  // large enough that a 5 % error in a census share or speed range leaves the 4 SE band
  struct Sample {
    double household_mean = 0, share_60 = 0, adult_level = 0, elderly_level = 0;
    double adult_down = 0, adult_up = 0, elderly_down = 0, elderly_up = 0;
    double out_of_range = 0;
    double adults = 0, elderly = 0, residents = 0;
  };
  // One synthesis shared by the cases (made on first use).
  auto sample = std::make_shared<std::optional<Sample>>();
  auto get = [sample]() -> const Sample& {
    if (*sample) return **sample;
    PopulationConfig cfg;
    cfg.presence_by_hour.fill(1.0);
    cfg.households_move_together = false;
    const EvacuationNetwork net(block_of_units(kUnits), MovementParams{});
    const Population pop = synthesize_population(net, cfg, PreMovementConfig{}, 2 * 3600.0, 2024, 0);
    Sample s;
    s.residents = pop.residents;
    s.household_mean = static_cast<double>(pop.residents) / pop.households;
    s.share_60 = static_cast<double>(pop.present_by_class[1] + pop.present_by_class[3]) / pop.residents;
    for (std::size_t i = 0; i < pop.cls.size(); ++i) {
      const SpeedRange& r = cfg.speeds[static_cast<std::size_t>(pop.cls[i])][pop.female[i] ? 0 : 1];
      const double lv = pop.crowd.speed_level_mps[i], dn = pop.crowd.speed_down_mps[i], up = pop.crowd.speed_up_mps[i];
      if (pop.cls[i] != ResidentClass::NeedsAssistance &&
          (lv < r.level_min_mps || lv > r.level_max_mps || dn < r.down_min_mps || dn > r.down_max_mps ||
           up < r.up_min_mps || up > r.up_max_mps))
        s.out_of_range += 1;
      if (pop.cls[i] == ResidentClass::Adult) {
        s.adult_level += lv;
        s.adult_down += dn;
        s.adult_up += up;
        s.adults += 1;
      } else if (pop.cls[i] == ResidentClass::Elderly) {
        s.elderly_level += lv;
        s.elderly_down += dn;
        s.elderly_up += up;
        s.elderly += 1;
      }
    }
    s.adult_level /= s.adults;
    s.adult_down /= s.adults;
    s.adult_up /= s.adults;
    s.elderly_level /= s.elderly;
    s.elderly_down /= s.elderly;
    s.elderly_up /= s.elderly;
    *sample = s;
    return **sample;
  };
  // Expected sizes of the samples, for the 4-standard-error tolerances.
  const double households = kUnits, residents = kUnits * 2.62;
  const double hh_sd = std::sqrt(8.86 - 2.62 * 2.62);  // E[X^2] = 0.25+4(.295)+9(.205)+16(.135)+25(.065)+36(.05)
  cases.push_back({"population.household_size", "mean persons per household, 50000 households",
                   say(kSrcCensusHousehold), "-", 2.62,
                   2.62 - 4 * hh_sd / std::sqrt(households), 2.62 + 4 * hh_sd / std::sqrt(households),
                   [get] { return get().household_mean; }});
  const double se60 = std::sqrt(0.187 * 0.813 / residents);
  cases.push_back({"population.share_60_plus", "share of residents aged 60+ (incl. those needing assistance)",
                   say(kSrcCensus60), "-", 0.187, 0.187 - 4 * se60,
                   0.187 + 4 * se60, [get] { return get().share_60; }});
  const auto [am, asd] = uniform_mix(0.71, 1.19, 0.97, 1.62);
  const double adults = residents * (1 - 0.187 - 0.1795);
  cases.push_back({"rimea.7.adult_level_speed", "mean level speed of adults (1:1 women/men, 30-50 ranges)",
                   say(kSrcImoAdultLevel), "m/s", am,
                   am - 4 * asd / std::sqrt(adults), am + 4 * asd / std::sqrt(adults), [get] { return get().adult_level; }});
  const auto [em, esd] = uniform_mix(0.56, 0.94, 0.84, 1.40);
  const double elderly = residents * (0.187 - 0.01);
  cases.push_back({"rimea.7.elderly_level_speed", "mean level speed of the 60+ (1:1, 'older than 50' ranges)",
                   say(kSrcImoElderlyLevel), "m/s", em,
                   em - 4 * esd / std::sqrt(elderly), em + 4 * esd / std::sqrt(elderly),
                   [get] { return get().elderly_level; }});
  // Stairs (IMO table 3.5), the same groups: down adults U(0.49, 0.81) / U(0.64, 1.07), mean
  // (0.65 + 0.855)/2 = 0.7525 m/s; up adults U(0.44, 0.74) / U(0.47, 0.79), 0.61 m/s; down 60+
  // U(0.45, 0.75) / U(0.50, 0.84), 0.635 m/s; up 60+ U(0.37, 0.61) / U(0.38, 0.64), 0.50 m/s.
  struct StairSpeedCase {
    const char* name;
    const char* what;
    double lo1, hi1, lo2, hi2, n;
    double Sample::*field;
  };
  const StairSpeedCase stair_speeds[] = {
      {"rimea.7.adult_down_speed", "mean speed down stairs of adults", 0.49, 0.81, 0.64, 1.07, adults, &Sample::adult_down},
      {"rimea.7.adult_up_speed", "mean speed up stairs of adults", 0.44, 0.74, 0.47, 0.79, adults, &Sample::adult_up},
      {"rimea.7.elderly_down_speed", "mean speed down stairs of the 60+", 0.45, 0.75, 0.50, 0.84, elderly,
       &Sample::elderly_down},
      {"rimea.7.elderly_up_speed", "mean speed up stairs of the 60+", 0.37, 0.61, 0.38, 0.64, elderly,
       &Sample::elderly_up},
  };
  for (const StairSpeedCase& sc : stair_speeds) {
    const auto [m, sd] = uniform_mix(sc.lo1, sc.hi1, sc.lo2, sc.hi2);
    const double se = sd / std::sqrt(sc.n);
    cases.push_back({sc.name, sc.what,
                     say(kSrcImoStairs, sc.lo1, sc.hi1, sc.lo2, sc.hi2),
                     "m/s", m, m - 4 * se, m + 4 * se, [get, field = sc.field] { return get().*field; }});
  }
  cases.push_back({"rimea.7.speeds_within_ranges", "residents whose speeds leave their IMO range",
                   say(kSrcImoUniform), "-", 0.0, 0.0, 0.0, [get] { return get().out_of_range; }});
}

// Two flats on one corridor (doors 5 m and 15 m long, 0.9 m wide), the corridor 40 m × 2 m to an
// assembly point: the set-up of the population-group cases (docs/validation.md).
std::shared_ptr<NavGraph> two_flats_on_a_corridor() {
  auto g = std::make_shared<NavGraph>();
  const NodeId c = g->add_node(NavNode{NodeKind::Corridor, {}, 200.0, 0, 1, "corridor"});
  const NodeId s = g->add_node(NavNode{NodeKind::AssemblyPoint, {}, 1e6, -1, 0, "safe"});
  NavLink corridor;
  corridor.a = c;
  corridor.b = s;
  corridor.kind = LinkKind::Opening;
  corridor.width_m = 2.0;
  corridor.length_m = 40.0;
  g->add_link(corridor);
  for (const double door_m : {5.0, 15.0}) {
    NavLink door;
    door.a = g->add_node(NavNode{NodeKind::Unit, {}, 80.0, 0, 1, numbered("U", static_cast<long long>(door_m))});
    door.b = c;
    door.kind = LinkKind::Door;
    door.width_m = 0.9;
    door.length_m = door_m;
    g->add_link(door);
  }
  g->finalize();
  return g;
}

// A group of `count` persons at a fixed level speed and a fixed pre-movement (day and night).
PopulationGroup fixed_group(const char* name, uint32_t count, double speed_mps, double premovement_s) {
  PopulationGroup gr;
  gr.name = name;
  gr.count = count;
  gr.speed_level = gr.speed_down = gr.speed_up = Distribution::fixed(speed_mps);
  gr.premovement_day = gr.premovement_night = Distribution::fixed(premovement_s);
  return gr;
}

void append_group_cases(std::vector<VerificationCase>& cases) {
  // Two groups, two persons each (one per flat), nobody else: fast 1.0 m/s ready at 30 s, slow
  // 0.5 m/s ready at 60 s. Entries into the corridor at 35, 45, 70 and 90 s: no queue, and both
  // speeds are below the corridor's unimpeded S0 = 1.40 × (1 − 0.266 × 0.54) = 1.1989 m/s.
  auto last_of = [](std::size_t which) {
    PopulationConfig cfg;
    cfg.persons_per_household = Distribution::fixed(0.0);
    cfg.groups = {fixed_group("fast", 2, 1.0, 30.0), fixed_group("slow", 2, 0.5, 60.0)};
    const EvacuationNetwork net(two_flats_on_a_corridor(), MovementParams{});
    const Population pop = synthesize_population(net, cfg, PreMovementConfig{}, 2 * 3600.0, 2024, 0);
    const MovementResult r = simulate_movement(net, pop.crowd, 3600.0);
    double last = -1;
    for (std::size_t p = 0; p < pop.group.size(); ++p)
      if (pop.group[p] == which) last = std::max(last, r.safe_time_s[p]);
    return last;
  };
  cases.push_back({"groups.corridor.fast_last", "group 'fast' (2 persons, fixed 1.0 m/s, pre-movement 30 s): last arrival",
                   say(kSrcGroupFast), "s", 85.0, 84.9, 85.1, [last_of] { return last_of(0); }});
  cases.push_back({"groups.corridor.slow_last", "group 'slow' (2 persons, fixed 0.5 m/s, pre-movement 60 s): last arrival",
                   say(kSrcGroupSlow), "s", 170.0, 169.9, 170.1, [last_of] { return last_of(1); }});
  // A share group among census residents: its share of the residents of 20000 flats.
  constexpr int kUnits = 20000;
  cases.push_back({"groups.share", "share of the residents drawn into a group of share 0.25", say(kSrcGroupShare), "-", 0.25,
                   0.25 - 4 * std::sqrt(0.25 * 0.75 / (kUnits * 2.62)), 0.25 + 4 * std::sqrt(0.25 * 0.75 / (kUnits * 2.62)),
                   [] {
                     PopulationConfig cfg;
                     cfg.presence_by_hour.fill(1.0);
                     PopulationGroup gr;
                     gr.name = "quarter";
                     gr.share = 0.25;
                     cfg.groups = {gr};
                     const EvacuationNetwork net(block_of_units(kUnits), MovementParams{});
                     const Population pop = synthesize_population(net, cfg, PreMovementConfig{}, 2 * 3600.0, 2024, 0);
                     const auto in = std::count(pop.group.begin(), pop.group.end(), uint16_t{0});
                     return static_cast<double>(in) / static_cast<double>(pop.group.size());
                   }});
}

}  // namespace

// Every expected value and every edge of an accepted range below is a number worked out by hand
// (python3 as the calculator) from the published formulas and constants — never from the
// engine's own sfpe:: functions or constants, so that a changed constant in the model fails its
// case instead of moving the expectation along with it. docs/validation.md shows each derivation.
//
// Constants of the derivations (SFPE Handbook 5th ed. ch. 59; a = 0.266 m²/p):
//   level:          k = 1.40 m/s, S0 = S(0.54) = 1.40 × (1 − 0.266 × 0.54) = 1.40 × 0.85636 = 1.198904 m/s
//   stair 18/28 cm: k = 51.8/60 × √(28/18) = 0.8633333 × 1.2472191 = 1.0767658 m/s,
//                   S0 = 1.0767658 × 0.85636 = 0.9220992 m/s, Fsm = k/(4a) = 1.0119980 p/s/m,
//                   S(1.88) = k/2 = 0.5383829 m/s;
//   the 1.2 m stair of the stair cases: effective 0.9 m, C = 1.0119980 × 0.9 = 0.9107982 p/s; a 3 m
//   storey is L1 = 3 × √(1 + (28/18)²) = 5.5477723 m along the incline, of area A = 0.9 L1 = 4.9929951 m².
std::vector<VerificationCase> verification_cases() {
  std::vector<VerificationCase> cases;

  // IMO MSC.1/Circ.1533 Annex 3, component tests as adapted for a hydraulic model.
  cases.push_back(exact("imo.1.corridor", "1 person at 1.0 m/s walks a 40 m x 2 m corridor",
                        say(kSrcImo1), "s", 40.0, kExact, [] {
                          return run_crowd(vn::corridor(40.0, 2.0), default_params(), 1, 1.0).last_safe_s;
                        }));
  {
    // 10 m / S0 = 10 / 0.9220992 = 10.844820 s (his own 1.0 m/s does not bind).
    constexpr double kImo3_s = 10.844820148;
    cases.push_back(exact("imo.3.stair_down", "1 person down a 2 m wide stair, 10 m along the incline, 18/28 cm steps",
                          say(kSrcImo3),
                          "s", kImo3_s, kExact, [] {
                            auto g = std::make_shared<NavGraph>();
                            NavNode top{NodeKind::StairLanding, {0, 0, 5.0}, 4.0, 0, 2, "top"};
                            NavNode bottom{NodeKind::AssemblyPoint, {0, 0, 0.0}, 1e6, -1, 0, "bottom"};
                            const NodeId t = g->add_node(top);
                            const NodeId b = g->add_node(bottom);
                            NavLink l;
                            l.a = t;
                            l.b = b;
                            l.kind = LinkKind::Stair;
                            l.length_m = 10.0;
                            l.width_m = 2.0;
                            l.riser_m = 0.18;
                            l.tread_m = 0.28;
                            g->add_link(l);
                            g->finalize();
                            return run_crowd(g, default_params(), 1, 1.0, 1.0).last_safe_s;
                          }));
  }
  {
    MovementParams p;
    p.door_specific_flow_pps_per_m = 1.33;
    const double c = 1.33 * (1.0 - 0.30);
    auto run = [p] { return run_crowd(vn::room_with_exits(40.0, 1.0, {0.0}), p, 100).last_safe_s; };
    cases.push_back(exact("imo.4.passage_time", "100 people leave an 8 x 5 m room by a 1 m exit, Fs 1.33 p/s/m",
                          say(kSrcImo4), "s", 99.0 / c, kExact,
                          run));
    cases.push_back({"imo.4.sfpe_n_over_c", "the same, against the SFPE convention N/C",
                     say(kSrcSfpeNOverC), "s", 100.0 / c,
                     100.0 / c - 1.0 / c - kExact, 100.0 / c, run});
    // N/T with T = (N - 1)/C: 100 × 0.931/99 = 0.940404 p/s, inside IMO's limit of 1.33 p/s. The
    // SFPE convention T = N/C gives exactly C = 0.931 p/s: the two conventions bound the band.
    cases.push_back({"imo.4.mean_flow", "mean flow through the exit, N/T",
                     say(kSrcImo4Flow),
                     "p/s", 0.940404040, 0.931 - 1e-9, 0.940404040 + 1e-8, [run] { return 100.0 / run(); }});
  }

  // Door flow: (N - 1)/C with C = 1.3 (w - 0.3).
  for (const double w : {0.9, 1.2, 1.8})
    for (const int n : {10, 50, 200}) {
      const std::string name = fmt::format("door.w{:.1f}.n{}", w, n);
      const double c = door_capacity(w);
      cases.push_back(exact(name, std::to_string(n) + " people through a " + std::to_string(w).substr(0, 3) + " m door",
                            say(kSrcSfpeDoor), "s", (n - 1) / c, kExact,
                            [w, n] { return run_crowd(vn::room_with_exits(500.0, w, {0.0}), default_params(), n).last_safe_s; }));
    }

  // Stair flow: a short stair (1 flight) and a long one (10 flights), 1.2 m wide, 18/28 cm, 3 m
  // storeys, 2.9 m² landings; N people start at the top. Hand values (docs/validation.md, "Stair
  // flow"), with T0 = (N - 1)/C the entry of the last person:
  //   lower bound     L/S0 + T0                   (everybody walks unimpeded);
  //   SFPE saturated  L/S(1.88) + T0              (the whole stair at the peak-flow density);
  //   kinematic wave  T_kw = u², u = (√T0 + √(T0 + 4L/k))/2: the last person's time when the same
  //                   S(D) = k(1 - aD) is solved as a flow (a queue let go at capacity thins out
  //                   downstream: D(x, t) = (1 - x/(kt))/(2a), his speed dx/dt = k/2 + x/(2t));
  //   accepted        [max(lower bound, T_kw with k(1 + 2a/A)), min(SFPE, T_kw with k(1 - 2a/A))]:
  //                   the model counts people on a flight in whole persons, himself included, so
  //                   the density it sees is the flow's to within one person per flight, 1/A =
  //                   0.2003 p/m², i.e. its speed to within k·a/A (k(1 ± 2a/A) in T_kw's formula).
  //   The short stair is exact: fed from the queue at exactly C, its one flight holds the 35th
  //   entrant and everyone after him at the storage density (10 people seen, D capped at 1.88),
  //   so from N = 35 on T = L1/S(1.88) + T0, the SFPE value.
  {
    struct StairCase {
      const char* name;
      int flights, n;
      double expected, low, high;
      const Phrase* hand;
    };
    const StairCase kStairCases[] = {
        {"stair.short.n20", 1, 20, 30.288916, 29.436629, 31.165334,
         &kSrcStairShort20},
        {"stair.short.n100", 1, 100, 119.000379602, 119.000379602 - kExact, 119.000379602 + kExact,
         &kSrcStairShort100},
        {"stair.short.n300", 1, 300, 338.587994579, 338.587994579 - kExact, 338.587994579 + kExact,
         &kSrcStairShort300},
        {"stair.long.n20", 10, 20, 96.356397, 89.856807, 104.315737,
         &kSrcStairLong20},
        {"stair.long.n100", 10, 100, 198.358250, 190.434457, 208.045338,
         &kSrcStairLong100},
        {"stair.long.n300", 10, 300, 425.083762, 416.197413, 431.328586 + kExact,
         &kSrcStairLong300},
    };
    for (const StairCase& sc : kStairCases) {
      const int flights = sc.flights, n = sc.n;
      cases.push_back({sc.name,
                       std::to_string(n) + " people down " + std::to_string(flights) +
                           " flight(s) of a 1.2 m stair, 18/28 cm, 3 m storeys",
                       say(*sc.hand), "s", sc.expected, sc.low, sc.high, [flights, n] {
                         return run_crowd(vn::stair(flights, 1.2, 0.18, 0.28, 3.0, 2.9), default_params(), n).last_safe_s;
                       }});
    }
  }

  // Walking at a fixed congested density: 200 people fill a 20 m x 5 m (effective) corridor.
  // S(2.0) = 1.40 × (1 − 0.266 × 2.0) = 1.40 × 0.468 = 0.6552 m/s; 20 / 0.6552 = 30.525031 s.
  cases.push_back(exact("walk.congested_2ppm2", "200 people at 2 p/m2 walk 20 m (corridor 5.4 m, 0.2 m layers)",
                        say(kSrcSfpeLevel), "s", 30.525030525, kExact, [] {
                          auto g = vn::corridor(20.0, 5.4);
                          const EvacuationNetwork net(g, default_params());
                          Crowd crowd;
                          for (int i = 0; i < 200; ++i) crowd.add(NodeId(0), 0.0, kFast_mps, kFast_mps, kFast_mps, LinkId(0));
                          return simulate_movement(net, crowd, 1e6).last_safe_s;
                        }));

  // SFPE Handbook, nine-storey office.
  {
    MovementParams p;
    p.boundary_layer_door_m = p.boundary_layer_stair_m = 0.1524;  // 6 in
    p.door_specific_flow_pps_per_m = 24.0 / 60.0 / 0.3048;       // 24 p/min per ft of effective width
    cases.push_back({"sfpe.nine_storey_office",
                     "2400 people on floors 2-9, two 44 in stairs, 36 in exit doors (C = 0.8 p/s each)",
                     say(kSrcSfpeSolutionA),
                     "s", 1524.0, 1524.0 * 0.99, 1524.0 * 1.01, [p] {
                       auto g = vn::nine_storey_office();
                       const EvacuationNetwork net(g, p);
                       Crowd crowd;
                       for (int f = 2; f <= 9; ++f) {
                         const NodeId floor = vn::office_floor(*g, f);
                         for (int i = 0; i < 300; ++i) crowd.add(floor, 0.0, kFast_mps, kFast_mps, kFast_mps);
                       }
                       return simulate_movement(net, crowd, 1e6).last_safe_s;
                     }});
  }

  // RiMEA-style cases.
  // 40 m / min(1.33, S0 = 1.198904) = 33.363806 s; RiMEA accepts 26–34 s.
  cases.push_back({"rimea.1.corridor", "1 person at 1.33 m/s walks 40 m; hydraulic cap S(0.54) = 1.199 m/s",
                   say(kSrcRimea1), "s",
                   33.363805609, 26.0, 34.0,
                   [] { return run_crowd(vn::corridor(40.0, 2.0), default_params(), 1, 1.33).last_safe_s; }});
  for (const int i : {0, 1, 2}) {
    const double pre = 30.0 * i;
    cases.push_back(exact(numbered("rimea.premovement.p", i + 1),
                          numbered("3 people, pre-movement 0/30/60 s, walk 10 m at 1 m/s: person ", i + 1),
                          say(kSrcRimea10), "s", pre + 10.0, kExact, [i] {
                            const EvacuationNetwork net(vn::corridor(10.0, 2.0), default_params());
                            Crowd crowd;
                            for (int k = 0; k < 3; ++k) crowd.add(NodeId(0), 30.0 * k, 1.0, 1.0, 1.0);
                            return simulate_movement(net, crowd, 1e6).safe_time_s[i];
                          }));
  }
  cases.push_back(exact("rimea.exit_choice.near_count", "10 people, exits 5 m and 25 m away: all take the near one",
                        say(kSrcRimea11), "-", 10.0, 0.0, [] {
                          const auto r = run_crowd(vn::room_with_exits(100.0, 1.2, {5.0, 25.0}), default_params(), 10, 1.2);
                          return static_cast<double>(r.exit_count[0]);
                        }));
  {
    const double c = door_capacity(1.0);
    auto t4 = [] { return run_crowd(vn::room_with_exits(600.0, 1.0, {0, 0, 0, 0}), default_params(), 1000).last_safe_s; };
    auto t2 = [] { return run_crowd(vn::room_with_exits(600.0, 1.0, {0, 0}), default_params(), 1000).last_safe_s; };
    cases.push_back(exact("rimea.9.four_exits", "1000 people, 4 exits of 1 m: 250 each", say(kSrcRimea9Four),
                          "s", 249.0 / c, kExact, t4));
    cases.push_back(exact("rimea.9.two_exits", "the same with 2 exits closed: 500 each", say(kSrcRimea9Two), "s", 499.0 / c,
                          kExact, t2));
    cases.push_back({"rimea.9.ratio", "T(2 exits) / T(4 exits)", say(kSrcRimea9Ratio),
                     "-", 499.0 / 249.0, 499.0 / 249.0 - 1e-9, 499.0 / 249.0 + 1e-9, [t4, t2] { return t2() / t4(); }});
  }
  append_population_cases(cases);
  append_group_cases(cases);
  return cases;
}

VerificationOutcome run_verification_case(const VerificationCase& c) {
  VerificationOutcome o;
  o.result = c.run();
  o.pass = o.result >= c.low && o.result <= c.high;
  return o;
}

}  // namespace dt
