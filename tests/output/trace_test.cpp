// The trace format library (engine/output/trace.h): what is written reads back (scene, people,
// events, key and delta frames, random access), positions are kept to 1 cm, frames carry only the
// people who changed, a trace cut short while writing still opens, other files and versions are
// refused, and the dog-leg geometry of stairs matches its hand-worked points.
#include "engine/output/trace.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <utility>

namespace dt::trace {
namespace {

namespace fs = std::filesystem;

struct TempFile {
  fs::path path = fs::temp_directory_path() /
                  ("trace_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".bin");
  ~TempFile() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};

Scene small_scene() {
  Scene s;
  s.name = "two rooms";
  s.site = {{0, 0}, {50, 0}, {50, 30}, {0, 30}};
  Building b;
  b.id = "B1";
  b.outline = {{10, 10}, {20, 10}, {20, 16}, {10, 16}};
  b.elevation_m = {0.0f, 3.2f, 6.4f};
  b.elevators.push_back({"L1", {12, 12}, 1, 2});
  s.buildings.push_back(b);
  s.nodes.push_back({{12, 13, 0}, 20, 0, 1, NodeKind::GroundLobby, "B1/F1/C1"});
  s.nodes.push_back({{12, 13, 3.2f}, 20, 0, 2, NodeKind::Corridor, "B1/F2/C1"});
  s.nodes.push_back({{40, 20, 0}, 400, -1, 0, NodeKind::AssemblyPoint, "ap:yard"});
  s.links.push_back({0, 1, 1.2f, 6.8f, 0, {2.0f, 0.0f}, LinkKind::Stair, "B1/S1/F1-F2"});
  s.links.push_back({0, 2, 3.0f, 29.0f, -1, {}, LinkKind::Path, "B1~ap"});
  s.sensors.push_back({{12, 13, 3.2f}, 1, SensorKind::SmokeDetector, "smoke@B1/F2/C1"});
  return s;
}

Meta small_meta(uint32_t keyframe_every = 60) {
  Meta m;
  m.drilltwin_version = "test";
  m.scenario = "unit";
  m.seed = 42;
  m.replication = 3;
  m.frame_interval_s = 0.5;
  m.start_clock_s = 7200;
  m.keyframe_every = keyframe_every;
  return m;
}

// Person p at frame k: walks east at 1.3 m/s from x = −5 (negative coordinates too); states cycle.
Vec3f where(uint32_t p, uint32_t k) {
  return {-5.0f + 0.65f * static_cast<float>(k) + static_cast<float>(p), 2.0f * static_cast<float>(p), p == 1 ? 3.2f : 0.0f};
}
PersonState state_of(uint32_t p, uint32_t k) { return static_cast<PersonState>((p + k / 10) % kPersonStateCount); }

void write_frames(TraceWriter& w, uint32_t people, uint32_t frames) {
  std::vector<Vec3f> pos(people);
  std::vector<PersonState> st(people);
  for (uint32_t k = 0; k < frames; ++k) {
    for (uint32_t p = 0; p < people; ++p) {
      pos[p] = p == 2 ? Vec3f{7, 7, 0} : where(p, k);  // person 2 never moves
      st[p] = p == 2 ? PersonState::Waiting : state_of(p, k);
    }
    w.frame(k, pos, st, Figures{k, k % 7, k % 2 ? 1u : kNone});
  }
}

TEST(Trace, WhatIsWrittenReadsBack) {
  TempFile f;
  const Scene scene = small_scene();
  const std::vector<PersonInfo> people = {{PersonKind::Resident, PersonClass::Adult},
                                          {PersonKind::Resident, PersonClass::Elderly},
                                          {PersonKind::Staff, PersonClass::Unknown}};
  {
    TraceWriter w(f.path, small_meta(), scene, people);
    w.event({0.0, EventKind::Alarm, kNone, {}, 0, "alarm at 02:00:00"});
    write_frames(w, 3, 130);
    w.event({12.5, EventKind::LinkBlocked, 0, {12, 13, 1.6f}, 1, "B1/S1/F1-F2 closed"});
    w.finish(64.7);
  }
  TraceReader r(f.path);
  EXPECT_TRUE(r.complete());
  EXPECT_DOUBLE_EQ(r.end_time_s(), 64.7);
  EXPECT_EQ(r.meta().scenario, "unit");
  EXPECT_EQ(r.meta().seed, 42u);
  EXPECT_EQ(r.meta().replication, 3u);
  EXPECT_DOUBLE_EQ(r.meta().frame_interval_s, 0.5);
  EXPECT_DOUBLE_EQ(r.meta().start_clock_s, 7200);
  ASSERT_EQ(r.people().size(), 3u);
  EXPECT_EQ(r.people()[1].cls, PersonClass::Elderly);
  EXPECT_EQ(r.people()[2].kind, PersonKind::Staff);

  const Scene& s = r.scene();
  EXPECT_EQ(s.name, "two rooms");
  ASSERT_EQ(s.site.size(), 4u);
  ASSERT_EQ(s.buildings.size(), 1u);
  EXPECT_EQ(s.buildings[0].floors(), 2);
  EXPECT_FLOAT_EQ(s.buildings[0].elevation_m[2], 6.4f);
  ASSERT_EQ(s.buildings[0].elevators.size(), 1u);
  EXPECT_EQ(s.buildings[0].elevators[0].highest, 2);
  ASSERT_EQ(s.nodes.size(), 3u);
  EXPECT_EQ(s.nodes[2].label, "ap:yard");
  EXPECT_EQ(s.nodes[2].kind, NodeKind::AssemblyPoint);
  EXPECT_EQ(s.nodes[1].floor, 2);
  ASSERT_EQ(s.links.size(), 2u);
  EXPECT_EQ(s.links[0].kind, LinkKind::Stair);
  EXPECT_FLOAT_EQ(s.links[0].run.x, 2.0f);
  EXPECT_EQ(s.links[1].label, "B1~ap");
  ASSERT_EQ(s.sensors.size(), 1u);
  EXPECT_EQ(s.sensors[0].id, "smoke@B1/F2/C1");

  ASSERT_EQ(r.events().size(), 2u);
  EXPECT_EQ(r.events()[1].kind, EventKind::LinkBlocked);
  EXPECT_EQ(r.events()[1].text, "B1/S1/F1-F2 closed");

  ASSERT_EQ(r.frame_count(), 130u);
  EXPECT_DOUBLE_EQ(r.duration_s(), 129 * 0.5);
  Frame fr;
  for (uint32_t k = 0; k < 130; ++k) {
    r.read_frame(k, fr);
    EXPECT_EQ(fr.index, k);
    EXPECT_DOUBLE_EQ(fr.t_s, k * 0.5);
    EXPECT_EQ(fr.figures.safe, k);
    EXPECT_EQ(fr.figures.queue_node, k % 2 ? 1u : kNone);
    for (uint32_t p = 0; p < 2; ++p) {
      EXPECT_NEAR(fr.position[p].x, where(p, k).x, 0.0051) << "frame " << k;
      EXPECT_NEAR(fr.position[p].y, where(p, k).y, 0.0051);
      EXPECT_NEAR(fr.position[p].z, where(p, k).z, 0.0051);
      EXPECT_EQ(fr.state[p], state_of(p, k));
    }
    EXPECT_FLOAT_EQ(fr.position[2].x, 7.0f);
  }
}

TEST(Trace, SeekingGivesTheSameFramesAsReadingInOrder) {
  TempFile f;
  {
    TraceWriter w(f.path, small_meta(16), small_scene(), std::vector<PersonInfo>(3));
    write_frames(w, 3, 100);
    w.finish(49.5);
  }
  TraceReader seq(f.path), jump(f.path);
  std::vector<Frame> all(100);
  for (uint32_t k = 0; k < 100; ++k) seq.read_frame(k, all[k]);
  Frame fr;
  for (const uint32_t k : {99u, 3u, 64u, 65u, 15u, 16u, 17u, 0u, 98u, 31u}) {
    jump.read_frame(k, fr);
    EXPECT_EQ(fr.state, all[k].state) << "frame " << k;
    for (uint32_t p = 0; p < 3; ++p) EXPECT_FLOAT_EQ(fr.position[p].x, all[k].position[p].x) << "frame " << k;
  }
}

// The arrays form (the Python module's): reading in order, each frame rewriting only the people
// who changed, gives every frame as read_frame(k, Frame) does; so does any jump.
TEST(Trace, ArraysReadInOrderHoldEveryFrame) {
  TempFile f;
  {
    TraceWriter w(f.path, small_meta(16), small_scene(), std::vector<PersonInfo>(3));
    write_frames(w, 3, 100);
    w.finish(49.5);
  }
  TraceReader whole(f.path), arrays(f.path);
  std::vector<Vec3f> position(3);
  std::vector<PersonState> state(3);
  Figures figures;
  Frame fr;
  auto same = [&](std::size_t k) {
    whole.read_frame(k, fr);
    EXPECT_EQ(state, fr.state) << "frame " << k;
    EXPECT_EQ(figures.safe, fr.figures.safe) << "frame " << k;
    for (uint32_t p = 0; p < 3; ++p) {
      EXPECT_EQ(position[p].x, fr.position[p].x) << "frame " << k;
      EXPECT_EQ(position[p].y, fr.position[p].y) << "frame " << k;
      EXPECT_EQ(position[p].z, fr.position[p].z) << "frame " << k;
    }
  };
  for (std::size_t k = 0; k < 100; ++k) {
    arrays.read_frame(k, position, state, figures, k > 0);
    same(k);
  }
  for (const std::size_t k : {37u, 38u, 5u, 6u, 99u}) {  // jumps: everybody is written
    arrays.read_frame(k, position, state, figures, true);
    same(k);
  }
  std::vector<Vec3f> short_positions(2);
  EXPECT_THROW(arrays.read_frame(0, short_positions, state, figures, false), TraceError);
}

TEST(Trace, PositionsAreKeptToOneCentimetre) {
  TempFile f;
  {
    TraceWriter w(f.path, small_meta(), small_scene(), std::vector<PersonInfo>(1));
    const std::vector<Vec3f> pos = {{123.456f, -0.004f, 97.0049f}};
    const std::vector<PersonState> st = {PersonState::Moving};
    w.frame(0, pos, st, {});
    w.finish(0);
  }
  TraceReader r(f.path);
  Frame fr;
  r.read_frame(0, fr);
  EXPECT_NEAR(fr.position[0].x, 123.46f, 1e-4f);
  EXPECT_NEAR(fr.position[0].y, 0.0f, 1e-4f);
  EXPECT_NEAR(fr.position[0].z, 97.0f, 1e-4f);
}

TEST(Trace, DeltaFramesCarryOnlyThePeopleWhoChanged) {
  TempFile f;
  const uint32_t people = 1000, frames = 121;
  uint64_t header = 0;
  {
    TraceWriter w(f.path, small_meta(60), small_scene(), std::vector<PersonInfo>(people));
    header = w.bytes_written();
    std::vector<Vec3f> pos(people, Vec3f{100, 200, 30});
    std::vector<PersonState> st(people, PersonState::Waiting);
    for (uint32_t k = 0; k < frames; ++k) {
      pos[5].x = 100 + 0.5f * static_cast<float>(k);  // one walker
      w.frame(k, pos, st, {});
    }
    w.finish(60);
  }
  // 3 keyframes of 1000 × (1 + 3 + 3 + 2) bytes; 118 deltas of one person each (≤ 5 + 17 + 4 + 8
  // bytes); every frame ends with its two empty load lists (2 × 4 bytes, format 2).
  const uint64_t size = fs::file_size(f.path);
  EXPECT_LE(size, header + 3 * (22 + 8 + people * 9) + 118 * (34 + 8) + 32);
}

TEST(Trace, ATraceCutShortWhileWritingStillOpens) {
  TempFile f;
  {
    TraceWriter w(f.path, small_meta(), small_scene(), std::vector<PersonInfo>(3));
    write_frames(w, 3, 20);
    w.finish(9.5);
  }
  const auto full = fs::file_size(f.path);
  fs::resize_file(f.path, full - 30);  // the END block and part of the last frame are gone
  TraceReader r(f.path);
  EXPECT_FALSE(r.complete());
  EXPECT_EQ(r.frame_count(), 19u);
  EXPECT_DOUBLE_EQ(r.end_time_s(), 18 * 0.5);
  Frame fr;
  r.read_frame(18, fr);
  EXPECT_NEAR(fr.position[0].x, where(0, 18).x, 0.0051);
}

TEST(Trace, OtherFilesAndVersionsAreRefused) {
  TempFile f;
  {
    std::ofstream out(f.path);
    out << "name: not a trace\n";
  }
  EXPECT_THROW(TraceReader{f.path}, TraceError);
  {
    TraceWriter w(f.path, small_meta(), small_scene(), std::vector<PersonInfo>(1));
    w.finish(0);
  }
  {
    std::fstream io(f.path, std::ios::in | std::ios::out | std::ios::binary);
    io.seekp(8);
    const char v4[4] = {4, 0, 0, 0};
    io.write(v4, 4);
  }
  try {
    TraceReader r(f.path);
    FAIL() << "version 4 was read";
  } catch (const TraceError& e) {
    // A newer program's trace: the message names its version and the versions this one reads.
    EXPECT_NE(std::string(e.what()).find("version 4"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("versions 1 to 3"), std::string::npos) << e.what();
  }
  EXPECT_THROW(TraceReader{f.path.string() + ".absent"}, TraceError);
}

// A trace written by the format-1 writer (drilltwin before the format 2 additions; 10 residents
// of assets/verification/two_stair_tower.yaml, frames every 5 s) still plays: the new parts of a
// frame (loads) are empty, the states are those of version 1.
TEST(Trace, AVersionOneTraceStillReads) {
  TraceReader r(std::string(DRILLTWIN_SOURCE_DIR) + "/tests/output/data/trace_v1_two_stair_tower.bin");
  EXPECT_EQ(r.version(), 1u);
  EXPECT_TRUE(r.complete());
  EXPECT_EQ(r.people().size(), 10u);
  EXPECT_DOUBLE_EQ(r.meta().frame_interval_s, 5.0);
  ASSERT_GT(r.frame_count(), 1u);
  Frame f;
  r.read_frame(0, f);
  EXPECT_TRUE(f.on_link.empty());
  EXPECT_TRUE(f.queuing.empty());
  r.read_frame(r.frame_count() - 1, f);
  // A plain evacuation: at the end everyone is safe but those who wait for help (nobody fetches them).
  uint32_t safe = 0;
  for (const PersonState s : f.state) {
    EXPECT_TRUE(s == PersonState::Safe || s == PersonState::AwaitingAssistance) << to_string(s);
    safe += s == PersonState::Safe ? 1u : 0u;
  }
  EXPECT_EQ(f.figures.safe, safe);
  EXPECT_GE(safe, 1u);
}

// Format 3: a dispatch run's service requests and missed targets read back; the same events in a
// file that says version 2 are refused (event kinds 17 and 18 came with version 3).
TEST(Trace, ServiceEventsAreVersionThree) {
  TempFile f;
  {
    TraceWriter w(f.path, small_meta(), small_scene(), {});
    Event e;
    e.t_s = 30;
    e.kind = EventKind::ServiceRequest;
    e.subject = 0;
    e.value = 2;
    e.text = "water_leak";
    w.event(e);
    e.t_s = 930;
    e.kind = EventKind::ServiceLate;
    w.event(e);
    w.frame(0, {}, {}, Figures{});
    w.finish(1000);
  }
  {
    TraceReader r(f.path);
    EXPECT_EQ(r.version(), 3u);
    EXPECT_TRUE(r.people().empty());
    ASSERT_EQ(r.events().size(), 2u);
    EXPECT_EQ(r.events()[0].kind, EventKind::ServiceRequest);
    EXPECT_EQ(r.events()[1].kind, EventKind::ServiceLate);
    EXPECT_EQ(r.events()[1].subject, 0u);
    EXPECT_FLOAT_EQ(r.events()[1].value, 2.0f);
    EXPECT_EQ(r.events()[1].text, "water_leak");
    EXPECT_STREQ(to_string(EventKind::ServiceLate), "service late");
  }
  {
    std::fstream io(f.path, std::ios::in | std::ios::out | std::ios::binary);
    io.seekp(8);
    const char v2[4] = {2, 0, 0, 0};
    io.write(v2, 4);
  }
  try {
    TraceReader r(f.path);
    FAIL() << "event kind 17 was read from a version-2 file";
  } catch (const TraceError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown event kind 17"), std::string::npos) << e.what();
  }
}

// Format 2: each frame carries the people on each link and queuing in each node (sparse lists).
TEST(Trace, LoadsReadBackWithTheirFrame) {
  TempFile f;
  {
    TraceWriter w(f.path, small_meta(2), small_scene(), std::vector<PersonInfo>(2));
    const std::vector<Vec3f> pos(2);
    const std::vector<PersonState> st{PersonState::NotAlerted, PersonState::Moving};
    const std::vector<Load> links{{0, 1}, {1, 300}}, nodes{{2, 7}};
    w.frame(0, pos, st, Figures{}, links, nodes);
    w.frame(1, pos, st, Figures{});
    w.frame(2, pos, st, Figures{}, std::vector<Load>{{1, 2}}, {});
    w.finish(1.0);
  }
  TraceReader r(f.path);
  EXPECT_EQ(r.version(), kVersion);
  Frame fr;
  r.read_frame(0, fr);
  ASSERT_EQ(fr.on_link.size(), 2u);
  EXPECT_EQ(fr.on_link[1].index, 1u);
  EXPECT_EQ(fr.on_link[1].people, 300u);
  ASSERT_EQ(fr.queuing.size(), 1u);
  EXPECT_EQ(fr.queuing[0].index, 2u);
  EXPECT_EQ(fr.queuing[0].people, 7u);
  EXPECT_EQ(fr.state[0], PersonState::NotAlerted);
  r.read_frame(1, fr);
  EXPECT_TRUE(fr.on_link.empty());
  r.read_frame(2, fr);
  ASSERT_EQ(fr.on_link.size(), 1u);
  EXPECT_EQ(fr.on_link[0].people, 2u);
  r.read_frame(0, fr);  // seeking back
  EXPECT_EQ(fr.on_link.size(), 2u);
}

std::size_t open_descriptors() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

// Found by fuzz/fuzz_trace.cpp: a trace refused in the constructor kept its file open (no
// destructor runs), so a process opening damaged traces ran out of descriptors.
TEST(Trace, ARefusedTraceLeavesNoFileOpen) {
  TempFile f;
  {
    TraceWriter w(f.path, small_meta(), small_scene(), std::vector<PersonInfo>(2));
    w.finish(0);
  }
  const std::size_t before = open_descriptors();
  for (int i = 0; i < 20; ++i) {
    fs::resize_file(f.path, 16);  // the header alone: refused after opening, "missing its META block"
    EXPECT_THROW(TraceReader{f.path}, TraceError);
  }
  {
    std::ofstream out(f.path, std::ios::trunc);
    out << "name: not a trace\n";
  }
  for (int i = 0; i < 20; ++i) EXPECT_THROW(TraceReader{f.path}, TraceError);
  EXPECT_EQ(open_descriptors(), before);
}

// Stair B1/S1/F1-F2 of small_scene: lower landing (12, 13, 0), upper (12, 13, 3.2), 1.2 m wide,
// run (2, 0): the first flight rises eastwards on the right-hand side (y = 13 − 1.2/4 = 12.7),
// the second comes back on the left (y = 13.3).
TEST(Trace, StairsAreWalkedAlongTheirDogLeg) {
  const Scene s = small_scene();
  const Link& stair = s.links[0];
  auto expect_on = [&](const Link& link, float u, float x, float y, float z) {
    const Vec3f p = link_point(s, link, u, 0);
    EXPECT_NEAR(p.x, x, 1e-5f) << link.label << " u " << u;
    EXPECT_NEAR(p.y, y, 1e-5f) << link.label << " u " << u;
    EXPECT_NEAR(p.z, z, 1e-5f) << link.label << " u " << u;
  };
  auto expect_at = [&](float u, float x, float y, float z) { expect_on(stair, u, x, y, z); };
  expect_at(0.0f, 12.0f, 12.7f, 0.0f);
  expect_at(0.25f, 13.0f, 12.7f, 0.8f);
  expect_at(0.5f, 14.0f, 12.7f, 1.6f);  // the half landing
  expect_at(0.75f, 13.0f, 13.3f, 2.4f);
  expect_at(1.0f, 12.0f, 13.3f, 3.2f);
  // Walked down from b to a it is the same path: link_point takes the fraction from a. And a
  // flight written the other way round (a the upper landing) is the same dog-leg, its fraction
  // counted from the top: the same five points in reverse order.
  Link reversed = stair;
  std::swap(reversed.a, reversed.b);
  reversed.label = "B1/S1/F2-F1";
  expect_on(reversed, 0.0f, 12.0f, 13.3f, 3.2f);
  expect_on(reversed, 0.25f, 13.0f, 13.3f, 2.4f);
  expect_on(reversed, 0.5f, 14.0f, 12.7f, 1.6f);
  expect_on(reversed, 0.75f, 13.0f, 12.7f, 0.8f);
  expect_on(reversed, 1.0f, 12.0f, 12.7f, 0.0f);
  // People walk side by side at a lateral offset: half of it to the left of the run (+y here) on
  // both flights, whichever way the flight is written: 0.4 m → y = 12.7 + 0.2 on the first flight.
  for (const Link* link : std::initializer_list<const Link*>{&stair, &reversed}) {
    const Vec3f p = link_point(s, *link, link == &stair ? 0.25f : 0.75f, 0.4f);
    EXPECT_NEAR(p.x, 13.0f, 1e-5f) << link->label;
    EXPECT_NEAR(p.y, 12.9f, 1e-5f) << link->label;
    EXPECT_NEAR(p.z, 0.8f, 1e-5f) << link->label;
  }
  // A level link: straight, lateral offsets to the left of a → b.
  const Vec3f mid = link_point(s, s.links[1], 0.5f, 1.0f);
  const float len = std::hypot(28.0f, 7.0f);
  EXPECT_NEAR(mid.x, 26.0f - 7.0f / len, 1e-4f);
  EXPECT_NEAR(mid.y, 16.5f + 28.0f / len, 1e-4f);
}

TEST(Trace, TheFirstPersonStandsOnCentres) {
  EXPECT_FLOAT_EQ(spread(0, 0.6180339887498949), 0.5f);
  EXPECT_NEAR(spread(1, 0.6180339887498949), 0.1180339887f, 1e-6f);
}

// Scene files (`drilltwin layout FILE --export scene OUT`, read by drilltwin-view).

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

TEST(SceneFile, WhatIsWrittenReadsBack) {
  TempFile f;
  const SceneFile written{small_scene(), {"a.yaml:3:5: warning: exits closer than 5 m", "a.yaml:9:1: error: x"}};
  const std::string bytes = encode_scene_file(written);
  EXPECT_EQ(bytes.substr(0, 8), std::string("DTSCENE\0", 8));
  write_bytes(f.path, bytes);
  ASSERT_TRUE(is_scene_file(f.path));
  const SceneFile read = read_scene_file(f.path);
  EXPECT_EQ(read.scene.name, "two rooms");
  ASSERT_EQ(read.scene.buildings.size(), 1u);
  EXPECT_EQ(read.scene.buildings[0].id, "B1");
  ASSERT_EQ(read.scene.nodes.size(), 3u);
  EXPECT_EQ(read.scene.nodes[2].label, "ap:yard");
  ASSERT_EQ(read.scene.links.size(), 2u);
  EXPECT_EQ(read.scene.links[0].kind, LinkKind::Stair);
  EXPECT_EQ(read.findings, written.findings);
  EXPECT_EQ(encode_scene_file(read), bytes) << "read and written again: the same bytes";
}

TEST(SceneFile, DamagedFilesAreRefusedWithTheirPath) {
  TempFile f;
  const std::string good = encode_scene_file(SceneFile{small_scene(), {"finding"}});
  auto refused = [&](const std::string& bytes, const std::string& says) {
    write_bytes(f.path, bytes);
    try {
      (void)read_scene_file(f.path);
      ADD_FAILURE() << "accepted: " << says;
    } catch (const TraceError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(f.path.string()), std::string::npos) << what;
      EXPECT_NE(what.find(says), std::string::npos) << what;
    }
  };
  refused("", "not a drilltwin scene file");
  refused("DTTRACE" + std::string(1, '\0') + good.substr(8), "not a drilltwin scene file");
  std::string v2 = good;
  v2[8] = 2;
  refused(v2, "version 2");
  // Every truncation is refused cleanly, never read past the end.
  for (std::size_t n = 16; n < good.size(); n += std::max<std::size_t>(1, good.size() / 97)) {
    write_bytes(f.path, good.substr(0, n));
    EXPECT_THROW((void)read_scene_file(f.path), TraceError) << "cut at " << n;
  }
  // A block length pointing past the end of the file.
  std::string long_block = good;
  long_block[17] = static_cast<char>(0xFF);
  long_block[18] = static_cast<char>(0xFF);
  refused(long_block, "cut short");
  // A count in the scene block far larger than the block (every byte flipped in turn never crashes).
  for (std::size_t i = 16; i < std::min<std::size_t>(good.size(), 400); ++i) {
    std::string flipped = good;
    flipped[i] = static_cast<char>(~flipped[i]);
    write_bytes(f.path, flipped);
    try {
      (void)read_scene_file(f.path);
    } catch (const TraceError&) {
    }
  }
  EXPECT_FALSE(is_scene_file(f.path.string() + ".absent"));
}

}  // namespace
}  // namespace dt::trace
