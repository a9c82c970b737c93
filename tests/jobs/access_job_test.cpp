// The `access` job (engine/jobs/access_job.h) on a layout small enough to bound every walk by hand:
// two one-storey blocks on a straight street, a clinic at the street's west end.
#include "engine/jobs/access_job.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "engine/scenario/layout_loader.h"
#include "engine/scenario/yaml_tree.h"
#include "tests/support/process.h"

namespace dt {
namespace {

// `near` stands at x = 80..90 m, `far` at x = 580..590 m, both 10 m north of the street (y = 20 m);
// each is 10 m × 10 m, so a flat's walk inside its block to the street is 10 m (exit apron to the
// street) plus at most 15 m (flat centre to exit, less than the block's diagonal of 14.1 m plus
// the apron) and at least 10 m. Walks along the street from the clinic at x = 0:
//   near: 80..90 m, so 90..115 m in all;   far: 580..590 m, so 590..615 m in all.
// Speeds (IMO MSC.1/Circ.1533 middles, docs/access.md): adult 1.1225 m/s, 60+ 0.935 m/s,
// needs assistance 0.61 m/s. Minutes = metres / speed / 60:
//   near: adult 1.3..1.7, 60+ 1.6..2.1, assistance 2.5..3.1   → within 5 min for everyone;
//   far:  adult 8.8..9.1, 60+ 10.5..11.0, assistance 16.1..16.8 → adult within 10, 60+ within 15,
//         assistance beyond 15.
// Households: near 2 flats, far 3 flats: shares are 2/5 = 0.4 or 5/5 = 1.
constexpr const char* kLayout = R"(
site: {boundary: [[0, 0], [1000, 0], [1000, 100], [0, 100]]}
buildings:
  - {id: near, at: [80, 30], floors: 1, footprint: {width_m: 10, depth_m: 10}, units: {per_floor: 2}}
  - {id: far, at: [580, 30], floors: 1, footprint: {width_m: 10, depth_m: 10}, units: {per_floor: 3}}
paths:
  - {id: street, points: [[0, 20], [1000, 20]], width_m: 4}
assembly_points:
  - {id: ap, at: [500, 10], capacity_persons: 100}
services:
  - {id: clinic, kind: clinic, at: [0, 20]}
)";

LayoutConfig small_layout() { return read_layout(parse_yaml_string(kLayout, "access.yaml"), "access.yaml"); }

const AccessGroupResult& group(const AccessKindResult& k, const std::string& name) {
  for (const AccessGroupResult& g : k.groups)
    if (g.group == name) return g;
  throw std::runtime_error("no group " + name);
}

TEST(AccessJob, GroupSpeedsAreTheMiddlesOfTheirImoRanges) {
  const auto groups = jobs::access_groups(PopulationConfig{});
  ASSERT_EQ(groups.size(), 4u);
  // Adult: women 0.71-1.19 (middle 0.95), men 0.97-1.62 (1.295): mean 1.1225 m/s; stairs down
  // women 0.49-0.81 (0.65), men 0.64-1.07 (0.855): 0.7525 m/s.
  EXPECT_NEAR(groups[0].speeds.level_mps, 1.1225, 1e-12);
  EXPECT_NEAR(groups[0].speeds.stairs_mps, 0.7525, 1e-12);
  // 60+: 0.56-0.94 (0.75) and 0.84-1.40 (1.12): 0.935 m/s.
  EXPECT_EQ(groups[1].name, "elderly");
  EXPECT_NEAR(groups[1].speeds.level_mps, 0.935, 1e-12);
  // Needs assistance: 0.37-0.61 (0.49) and 0.55-0.91 (0.73): 0.61 m/s.
  EXPECT_NEAR(groups[3].speeds.level_mps, 0.61, 1e-12);
}

// A scenario's population groups walk at the means of their speed distributions: a group at a
// fixed 0.5 m/s takes (90..115 m) / 0.5 / 60 = 3.0..3.8 min to the clinic from `near`, and
// (590..615 m) / 0.5 / 60 = 19.7..20.5 min from `far`; a group named `adult` replaces the class.
TEST(AccessJob, ScenarioGroupsWalkAtTheMeansOfTheirSpeeds) {
  PopulationConfig pop;
  PopulationGroup slow;
  slow.name = "walker_users";
  slow.speed_level = Distribution::fixed(0.5);
  slow.speed_down = Distribution::fixed(0.4);
  PopulationGroup adult;
  adult.name = "adult";
  adult.speed_level = Distribution::uniform(1.0, 2.0);  // mean 1.5 m/s
  pop.groups = {slow, adult};
  const auto groups = jobs::access_groups(pop);
  ASSERT_EQ(groups.size(), 5u);
  EXPECT_EQ(groups[0].name, "adult");
  EXPECT_DOUBLE_EQ(groups[0].speeds.level_mps, 1.5);
  EXPECT_EQ(groups[4].name, "walker_users");
  EXPECT_DOUBLE_EQ(groups[4].speeds.stairs_mps, 0.4);
  const AccessReport r = jobs::access(small_layout(), pop, {});
  const auto& g = group(r.kinds[0], "walker_users");
  EXPECT_DOUBLE_EQ(g.share_within[0], 0.4);  // near: 3.0..3.8 min
  EXPECT_DOUBLE_EQ(g.share_within[2], 0.4);  // far: beyond 15 min
  EXPECT_GT(g.max_min, 590.0 / 0.5 / 60);
  EXPECT_LT(g.max_min, 615.0 / 0.5 / 60);
}

TEST(AccessJob, SharesWithinFiveTenAndFifteenMinutesMatchTheHandBounds) {
  const AccessReport r = jobs::access(small_layout(), PopulationConfig{}, {});
  EXPECT_EQ(r.households, 5u);
  ASSERT_EQ(r.kinds.size(), 1u);
  const AccessKindResult& k = r.kinds[0];
  EXPECT_EQ(k.kind, "clinic");
  const auto& adult = group(k, "adult");
  EXPECT_DOUBLE_EQ(adult.share_within[0], 0.4);
  EXPECT_DOUBLE_EQ(adult.share_within[1], 1.0);
  EXPECT_DOUBLE_EQ(adult.share_within[2], 1.0);
  const auto& elderly = group(k, "elderly");
  EXPECT_DOUBLE_EQ(elderly.share_within[0], 0.4);
  EXPECT_DOUBLE_EQ(elderly.share_within[1], 0.4);
  EXPECT_DOUBLE_EQ(elderly.share_within[2], 1.0);
  const auto& assisted = group(k, "needs_assistance");
  EXPECT_DOUBLE_EQ(assisted.share_within[2], 0.4);
  EXPECT_GT(elderly.max_min, 590.0 / 0.935 / 60);
  EXPECT_LT(elderly.max_min, 615.0 / 0.935 / 60);
  // Worst served first, for the reference group (60+).
  ASSERT_EQ(k.buildings.size(), 2u);
  EXPECT_EQ(k.buildings[0].building, "far");
  EXPECT_EQ(k.buildings[0].households, 3u);
}

TEST(AccessJob, AWhatIfNamesTheCandidateThatBringsMostHouseholdsIntoTheCircle) {
  jobs::AccessOptions o;
  jobs::AccessWhatIfRequest w;
  w.kind = "clinic";
  w.circle_min = 5;
  // At x = 250 the far block is 330..365 m away: 5.9..6.5 min for the 60+, outside 5 min (share
  // stays 0.4). At x = 600 it is 10..40 m away: inside (share 1).
  w.candidates = {{"250,20", Vec2{250, 20}}, {"600,20", Vec2{600, 20}}};
  o.what_if = w;
  const AccessReport r = jobs::access(small_layout(), PopulationConfig{}, o);
  ASSERT_EQ(r.what_ifs.size(), 1u);
  const AccessWhatIf& wi = r.what_ifs[0];
  EXPECT_DOUBLE_EQ(wi.baseline_share, 0.4);
  EXPECT_DOUBLE_EQ(wi.candidates[0].share_within, 0.4);
  EXPECT_DOUBLE_EQ(wi.candidates[1].share_within, 1.0);
  EXPECT_EQ(wi.best, 1u);
}

TEST(AccessJob, MovingAServiceReplacesItInsteadOfAddingOne) {
  jobs::AccessOptions o;
  jobs::AccessWhatIfRequest w;
  w.move = "clinic";
  w.circle_min = 5;
  // Moved to x = 585 the clinic is within 5 min of the far block but the near block is now
  // 495..520 m away: 8.8..9.3 min for the 60+: share 3/5.
  w.candidates = {{"585,20", Vec2{585, 20}}};
  o.what_if = w;
  const AccessReport r = jobs::access(small_layout(), PopulationConfig{}, o);
  EXPECT_DOUBLE_EQ(r.what_ifs[0].candidates[0].share_within, 0.6);
}

TEST(AccessJob, ServicesClosedAtTheTimeAskedServeNobody) {
  LayoutConfig l = small_layout();
  l.services[0].open_from_min = 8 * 60;
  l.services[0].open_until_min = 17 * 60;
  jobs::AccessOptions o;
  o.at_minute = 21 * 60;
  const AccessReport r = jobs::access(l, PopulationConfig{}, o);
  EXPECT_TRUE(r.kinds[0].services.empty());
  EXPECT_EQ(group(r.kinds[0], "adult").unreachable, 5u);
  o.at_minute = 9 * 60;
  EXPECT_DOUBLE_EQ(group(jobs::access(l, PopulationConfig{}, o).kinds[0], "adult").share_within[1], 1.0);
}

TEST(AccessJob, AnUnknownGroupIsAnInputErrorWithASuggestion) {
  jobs::AccessOptions o;
  o.reference_group = "elderley";
  try {
    (void)jobs::access(small_layout(), PopulationConfig{}, o);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'elderly'"), std::string::npos) << e.what();
  }
}

TEST(AccessJob, WritesSummaryJsonAndReportHtmlAsOneSet) {
  test::TempDir tmp;
  jobs::AccessOptions o;
  o.out_dir = tmp / "out";
  (void)jobs::access(small_layout(), PopulationConfig{}, o);
  const std::string summary = test::read_file(tmp / "out/summary.json");
  EXPECT_NE(summary.find("\"command\": \"access\""), std::string::npos);
  EXPECT_NE(summary.find("\"share_within\""), std::string::npos);
  const std::string html = test::read_file(tmp / "out/report.html");
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("<title>far "), std::string::npos);  // the far block on the map, with its minutes
  EXPECT_TRUE(std::filesystem::exists(tmp / "out/manifest.json"));
}

}  // namespace
}  // namespace dt
