// The movement observer hook (engine/people/movement_observer.h): what a person's steps are on a
// hand-countable network, that steps come in time order and account for everybody, and that
// watching changes nothing in the movement.
#include "engine/people/movement_observer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "engine/people/crowd_model.h"
#include "engine/people/verification.h"

namespace dt {
namespace {

namespace vn = verification_networks;
using Kind = MovementStep::Kind;

struct Recorder final : MovementObserver {
  std::vector<MovementStep> steps;
  std::size_t people = 0;
  int starts = 0, finishes = 0;
  double end_s = -1;
  void start(const Crowd& crowd, const NetworkTimeline* timeline) override {
    people = crowd.size();
    EXPECT_EQ(timeline, nullptr);
    ++starts;
  }
  void step(const MovementStep& s) override { steps.push_back(s); }
  void finish(double t) override {
    end_s = t;
    ++finishes;
  }
};

// A 10 m corridor (start node 0 → safe node 1) walked at 1 m/s by a person ready at 5 s.
TEST(MovementObserver, SeesEachStepOfAWalkInOrder) {
  const EvacuationNetwork net(vn::corridor(10.0, 2.0), MovementParams{});
  Crowd crowd;
  crowd.add(NodeId(0), 5.0, 1.0, 1.0, 1.0);
  Recorder rec;
  const MovementResult r = simulate_movement(net, crowd, 1e4, nullptr, &rec);
  EXPECT_EQ(rec.starts, 1);
  EXPECT_EQ(rec.finishes, 1);
  EXPECT_EQ(rec.people, 1u);
  EXPECT_DOUBLE_EQ(rec.end_s, r.end_time_s);
  ASSERT_EQ(rec.steps.size(), 4u);
  EXPECT_EQ(rec.steps[0].kind, Kind::Waiting);
  EXPECT_DOUBLE_EQ(rec.steps[0].t_s, 0.0);
  EXPECT_EQ(rec.steps[1].kind, Kind::Queuing);
  EXPECT_DOUBLE_EQ(rec.steps[1].t_s, 5.0);
  EXPECT_EQ(rec.steps[1].link, LinkId(0));
  EXPECT_EQ(rec.steps[2].kind, Kind::EnterLink);
  EXPECT_DOUBLE_EQ(rec.steps[2].t_s, 5.0);
  EXPECT_DOUBLE_EQ(rec.steps[2].until_s, 15.0);
  EXPECT_EQ(rec.steps[2].node, NodeId(0));
  EXPECT_EQ(rec.steps[2].dir, 0);
  EXPECT_EQ(rec.steps[3].kind, Kind::Safe);
  EXPECT_DOUBLE_EQ(rec.steps[3].t_s, 15.0);
  EXPECT_EQ(rec.steps[3].node, NodeId(1));
}

TEST(MovementObserver, StepsAreInTimeOrderAndEverybodyEndsSafeOrWaiting) {
  const EvacuationNetwork net(vn::nine_storey_office(), MovementParams{});
  Crowd crowd;
  for (int f = 2; f <= 9; ++f)
    for (int i = 0; i < 60; ++i) crowd.add(vn::office_floor(net.graph(), f), 0.5 * i, 1.2, 0.9, 0.6);
  crowd.add(vn::office_floor(net.graph(), 5), std::numeric_limits<double>::infinity(), 0.5, 0.4, 0.3);
  Recorder rec;
  const MovementResult r = simulate_movement(net, crowd, 1e6, nullptr, &rec);
  std::vector<Kind> last(crowd.size(), Kind::Waiting);
  std::vector<int> blocked(crowd.size(), 0);
  double t = 0;
  for (const MovementStep& s : rec.steps) {
    ASSERT_GE(s.t_s, t);
    t = s.t_s;
    ASSERT_LT(s.person, crowd.size());
    if (s.kind == Kind::EnterLink) {
      EXPECT_GE(s.until_s, s.t_s);
    }
    blocked[s.person] += s.kind == Kind::Blocked ? 1 : 0;
    last[s.person] = s.kind;
  }
  uint32_t safe = 0, waiting_for_help = 0;
  for (const Kind k : last) {
    safe += k == Kind::Safe ? 1u : 0u;
    waiting_for_help += k == Kind::AwaitingAssistance ? 1u : 0u;
  }
  EXPECT_EQ(safe, r.safe);
  EXPECT_EQ(waiting_for_help, 1u);
  int total_blocked = 0;
  for (const int b : blocked) total_blocked += b;
  EXPECT_GT(total_blocked, 0) << "the office's stairs congest: some people wait at the end of a flight";
}

TEST(MovementObserver, WatchingChangesNothing) {
  const EvacuationNetwork net(vn::nine_storey_office(), MovementParams{});
  Crowd crowd;
  for (int f = 2; f <= 9; ++f)
    for (int i = 0; i < 300; ++i) crowd.add(vn::office_floor(net.graph(), f), 0.1 * i, 1.0 + 0.001 * i, 0.8, 0.6);
  Recorder rec;
  const MovementResult plain = simulate_movement(net, crowd, 1e6);
  const MovementResult watched = simulate_movement(net, crowd, 1e6, nullptr, &rec);
  ASSERT_EQ(plain.safe_time_s.size(), watched.safe_time_s.size());
  EXPECT_EQ(std::memcmp(plain.safe_time_s.data(), watched.safe_time_s.data(), plain.safe_time_s.size() * sizeof(double)), 0);
  EXPECT_EQ(plain.events, watched.events);
  EXPECT_EQ(plain.stair_peak_queue, watched.stair_peak_queue);
  EXPECT_FALSE(rec.steps.empty());
}

}  // namespace
}  // namespace dt
