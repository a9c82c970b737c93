// The SFPE hydraulic model's equations (engine/world/hydraulics.h) against the figures printed in
// the SFPE Handbook (5th ed., ch. 59, Tables 59.2–59.5).
#include "engine/world/hydraulics.h"

#include <gtest/gtest.h>

namespace dt::sfpe {
namespace {

// Table: stair 7/11 in (riser 0.178 m, tread 0.279 m) k = 1.08 m/s; 6.5/13 in k = 1.16 m/s...
// computed k = 51.8/60·√(T/R): 0.8633·√(0.279/0.178) = 0.8633·1.2520 = 1.0809 m/s.
TEST(Hydraulics, StairSpeedConstantFromStepGeometry) {
  EXPECT_NEAR(stair_k_mps(0.178, 0.279), 1.08, 0.005);
  EXPECT_NEAR(stair_k_mps(0.165, 0.330), 1.22, 0.005);  // 6.5/13 in: 0.8633·√2 = 1.221 (table 1.23)
  EXPECT_NEAR(stair_k_mps(0.18, 0.28), 1.077, 0.001);
}

// Level: S = 1.40(1 − 0.266·0.54) = 1.40·0.85636 = 1.198904 m/s below the free-flow density (SFPE: 1.19 m/s max);
// at D = 2: 1.40(1 − 0.532) = 0.6552 m/s; at the jam density 1/0.266: 0.
TEST(Hydraulics, SpeedFallsLinearlyWithDensity) {
  EXPECT_NEAR(speed_mps(kLevelK_mps, 0.0), 1.198904, 1e-9);  // 1.40·0.85636
  EXPECT_EQ(speed_mps(kLevelK_mps, 0.2), speed_mps(kLevelK_mps, kFreeDensity_ppm2));
  EXPECT_NEAR(speed_mps(kLevelK_mps, 2.0), 0.6552, 1e-12);
  EXPECT_NEAR(speed_mps(kLevelK_mps, kJamDensity_ppm2), 0.0, 1e-12);
}

// Fs = S·D, greatest at D = 1/(2a) = 1.880 p/m² where Fs = k/(4a): level 1.40/1.064 = 1.316 p/s/m
// (SFPE Table 59.5: 1.32); 7/11 stair 1.08/1.064 = 1.015 (table 1.01).
TEST(Hydraulics, SpecificFlowPeaksAtHalfTheJamDensity) {
  EXPECT_NEAR(kPeakFlowDensity_ppm2, 1.8797, 1e-4);
  EXPECT_NEAR(max_specific_flow_pps_per_m(kLevelK_mps), 1.316, 1e-3);
  EXPECT_NEAR(specific_flow_pps_per_m(kLevelK_mps, kPeakFlowDensity_ppm2), max_specific_flow_pps_per_m(kLevelK_mps),
              1e-12);
  EXPECT_LT(specific_flow_pps_per_m(kLevelK_mps, 1.5), max_specific_flow_pps_per_m(kLevelK_mps));
  EXPECT_LT(specific_flow_pps_per_m(kLevelK_mps, 2.3), max_specific_flow_pps_per_m(kLevelK_mps));
  EXPECT_NEAR(specific_flow_pps_per_m(kLevelK_mps, 1.0), 1.40 * 0.734, 1e-12);  // S(1)·1
}

// A 3 m rise on 0.178/0.279 steps: L = 3·√(1 + (0.279/0.178)²) = 3·1.8592 = 5.578 m.
TEST(Hydraulics, InclineLengthOfAFlight) {
  EXPECT_NEAR(stair_incline_length_m(3.0, 0.178, 0.279), 5.5776, 1e-3);
  EXPECT_NEAR(stair_incline_length_m(3.0, 1.0, 1.0), 3.0 * std::sqrt(2.0), 1e-12);  // 45°
}

// Boundary layers (SFPE Table 59.2): stair wall 0.15 m each side: 1.2 m → 0.9 m effective.
TEST(Hydraulics, EffectiveWidthLosesABoundaryLayerEachSide) {
  EXPECT_NEAR(effective_width_m(1.2, 0.15), 0.9, 1e-12);
  EXPECT_EQ(effective_width_m(0.25, 0.15), 0.0);  // never negative
}

}  // namespace
}  // namespace dt::sfpe
