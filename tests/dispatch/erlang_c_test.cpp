// The analytic M/M/c results (engine/dispatch/erlang_c.h) that verify the service desk.
#include "engine/dispatch/erlang_c.h"

#include <gtest/gtest.h>

#include <cmath>

namespace dt {
namespace {

// c = 1 is M/M/1: P(wait) = ρ and E[Wq] = ρ/(μ − λ) (Kleinrock vol. 1, §3.2).
// λ = 0.9, μ = 1: ρ = 0.9, E[Wq] = 0.9/0.1 = 9 (the mm1_benchmark scenario's figure).
TEST(ErlangC, SingleServerIsMM1) {
  const ErlangCResult r = erlang_c(0.9, 1.0, 1);
  EXPECT_DOUBLE_EQ(r.offered_load, 0.9);
  EXPECT_DOUBLE_EQ(r.utilization, 0.9);
  EXPECT_NEAR(r.wait_probability, 0.9, 1e-12);
  EXPECT_NEAR(r.mean_wait, 9.0, 1e-10);
}

// c = 2, a = λ/μ = 1 (λ = 1, μ = 1): by the closed form
//   C(c, a) = (a^c/c!)·c/(c − a) / (Σ_{k<c} a^k/k! + (a^c/c!)·c/(c − a))
//           = (1/2·2) / (1 + 1 + 1) = 1/3,
// E[Wq] = C/(cμ − λ) = (1/3)/1 = 1/3.
TEST(ErlangC, TwoServersAtLoadOneHandCalculation) {
  const ErlangCResult r = erlang_c(1.0, 1.0, 2);
  EXPECT_DOUBLE_EQ(r.utilization, 0.5);
  EXPECT_NEAR(r.wait_probability, 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(r.mean_wait, 1.0 / 3.0, 1e-12);
}

// c = 3, a = 2 (λ = 4/h, μ = 2/h): Σ_{k<3} 2^k/k! = 1 + 2 + 2 = 5; (2³/3!)·3/(3 − 2) = (4/3)·3 = 4;
// C = 4/(5 + 4) = 4/9; E[Wq] = (4/9)/(3·2 − 4) = 2/9 h. Units follow 1/λ.
TEST(ErlangC, ThreeServersHandCalculation) {
  const ErlangCResult r = erlang_c(4.0, 2.0, 3);
  EXPECT_DOUBLE_EQ(r.offered_load, 2.0);
  EXPECT_NEAR(r.utilization, 2.0 / 3.0, 1e-15);
  EXPECT_NEAR(r.wait_probability, 4.0 / 9.0, 1e-12);
  EXPECT_NEAR(r.mean_wait, 2.0 / 9.0, 1e-12);
}

// The recursion stays finite where a^c/c! overflows a double (c = 500 → 400^500 ≈ 1e1301): a
// heavily loaded large pool still gives a probability in (0, 1).
TEST(ErlangC, LargePoolsStayFinite) {
  const ErlangCResult r = erlang_c(400.0, 1.0, 500);
  EXPECT_TRUE(std::isfinite(r.wait_probability));
  EXPECT_GT(r.wait_probability, 0.0);
  EXPECT_LT(r.wait_probability, 1e-3);  // 100 idle servers on average: waiting is rare
}

// P(Wq > t) = C·exp(−(cμ − λ)t): for the c = 2 case above, t = 2: (1/3)·e^{−2}.
TEST(ErlangC, WaitTailIsExponential) {
  EXPECT_NEAR(erlang_c_wait_exceeds(1.0, 1.0, 2, 0.0), 1.0 / 3.0, 1e-12);
  EXPECT_NEAR(erlang_c_wait_exceeds(1.0, 1.0, 2, 2.0), std::exp(-2.0) / 3.0, 1e-12);
}

}  // namespace
}  // namespace dt
