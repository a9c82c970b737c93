#pragma once
// The colours of drilltwin-view. docs/viewer.md lists the people's colours (tests look for them).

#include <osg/Vec4>
#include <osg/Vec4ub>

#include "engine/output/trace.h"

namespace dtv {

namespace trace = dt::trace;

/// People by state, RGB (index: trace::PersonState code).
inline constexpr unsigned char kStateRgb[trace::kPersonStateCount][3] = {
    {70, 130, 255},   // waiting (pre-movement): blue
    {40, 210, 70},    // moving: green
    {255, 150, 20},   // queuing: orange
    {230, 40, 230},   // awaiting assistance: magenta
    {0, 220, 220},    // assisted: cyan
    {235, 235, 235},  // safe: white
    {255, 40, 40},    // stranded: red
    {110, 112, 128},  // not yet alerted: grey
};

/// The heat scale of stairs and links by density [persons/m²]: Fruin's levels of service for
/// stairways (Fruin 1971, Pedestrian Planning and Design: A < 0.53, B < 0.72, C < 1.08,
/// D < 1.54, E < 2.69, F above), from cool to hot; an empty stair is drawn kIdleStair.
inline constexpr float kHeatBounds[5] = {0.53f, 0.72f, 1.08f, 1.54f, 2.69f};
inline constexpr unsigned char kHeatRgb[6][3] = {
    {40, 120, 255},   // A
    {0, 200, 200},    // B
    {120, 220, 60},   // C
    {250, 220, 40},   // D
    {255, 130, 0},    // E
    {230, 0, 60},     // F
};
inline constexpr unsigned char kIdleStairRgb[3] = {95, 95, 105};

[[nodiscard]] inline std::size_t heat_level(float persons_per_m2) noexcept {
  std::size_t k = 0;
  while (k < 5 && persons_per_m2 >= kHeatBounds[k]) ++k;
  return k;
}

/// The cumulative heat map (`--heat cumulative`): a stair's use over the drill so far, in
/// person-minutes per m² of the stair (the people on it, each minute, per m² of its length ×
/// width: the density-time of its flights), on the same six colours: < 1, 1-2, 2-5, 5-10, 10-20,
/// ≥ 20. A flight at Fruin's level F (2.69 p/m²) for ten minutes reaches 26.9, level C (1 p/m²)
/// for two minutes 2. A flight nobody has been on yet stays idle grey.
inline constexpr float kCumulativeBounds[5] = {1.0f, 2.0f, 5.0f, 10.0f, 20.0f};
[[nodiscard]] inline std::size_t cumulative_level(float person_min_per_m2) noexcept {
  std::size_t k = 0;
  while (k < 5 && person_min_per_m2 >= kCumulativeBounds[k]) ++k;
  return k;
}

/// Incident blocks of dispatch traces (`--incidents`): incidents per building so far, on the same
/// six colours: 1, 2, 3-4, 5-7, 8-11, ≥ 12 (lower bounds of each band below).
inline constexpr uint32_t kIncidentBandFrom[6] = {1, 2, 3, 5, 8, 12};
[[nodiscard]] inline std::size_t incident_level(uint32_t incidents) noexcept {
  std::size_t k = 0;
  while (k < 5 && incidents >= kIncidentBandFrom[k + 1]) ++k;
  return k;
}

/// The time cursor of the timeline bar and of the stair panel.
inline constexpr unsigned char kCursorRgb[3] = {255, 235, 60};

[[nodiscard]] inline osg::Vec4ub state_rgba(trace::PersonState s) noexcept {
  const auto* c = kStateRgb[static_cast<std::size_t>(s) < trace::kPersonStateCount ? static_cast<std::size_t>(s) : 0];
  return {c[0], c[1], c[2], 255};
}

[[nodiscard]] inline osg::Vec4 state_color(trace::PersonState s) noexcept {
  const osg::Vec4ub c = state_rgba(s);
  return {c.r() / 255.0f, c.g() / 255.0f, c.b() / 255.0f, 1.0f};
}

namespace palette {
inline const osg::Vec4 kBackground{0.07f, 0.08f, 0.11f, 1.0f};
inline const osg::Vec4 kGround{0.13f, 0.17f, 0.14f, 1.0f};
inline const osg::Vec4 kSiteEdge{0.45f, 0.55f, 0.45f, 1.0f};
inline const osg::Vec4 kPath{0.27f, 0.28f, 0.27f, 1.0f};
inline const osg::Vec4 kAssembly{0.16f, 0.42f, 0.22f, 1.0f};
inline const osg::Vec4 kGate{0.85f, 0.80f, 0.35f, 1.0f};
inline const osg::Vec4 kWall{0.55f, 0.66f, 0.82f, 0.10f};
inline const osg::Vec4 kSlab{0.55f, 0.66f, 0.82f, 0.06f};
inline const osg::Vec4 kFloorLine{0.62f, 0.72f, 0.88f, 0.35f};
inline const osg::Vec4 kRoofLine{0.75f, 0.82f, 0.95f, 0.75f};
inline const osg::Vec4 kStair{0.82f, 0.62f, 0.30f, 1.0f};
inline const osg::Vec4 kShaft{0.62f, 0.55f, 0.90f, 0.22f};
inline const osg::Vec4 kSmoke{0.55f, 0.55f, 0.55f, 0.45f};
inline const osg::Vec4 kBlocked{1.0f, 0.15f, 0.15f, 1.0f};
inline const osg::Vec4 kIncident{1.0f, 0.25f, 0.1f, 1.0f};
inline const osg::Vec4 kText{0.92f, 0.94f, 0.97f, 1.0f};
inline const osg::Vec4 kTextDim{0.65f, 0.70f, 0.78f, 1.0f};
inline const osg::Vec4 kPanel{0.0f, 0.0f, 0.0f, 0.55f};
inline const osg::Vec4 kFire{1.0f, 0.45f, 0.0f, 1.0f};
inline const osg::Vec4 kLabel{1.0f, 1.0f, 0.85f, 1.0f};
}  // namespace palette

}  // namespace dtv
