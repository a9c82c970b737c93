#pragma once
// Probability distributions as a planner writes them in a scenario: "service time lognormal with
// mean 300 s and sd 120 s, at most an hour". Parameters are those of the variable itself (mean and
// sd of the time, not of its logarithm); units are whatever the caller's quantity uses.
//
// A Distribution is a small value type. sample() allocates nothing and, for every kind except
// gamma, consumes exactly one 64-bit draw and is monotone in that draw (inversion). Keeping one
// draw per sample keeps common random numbers aligned when a planner swaps one kind for another.
// Methods and sources: docs/model.md, "Random numbers, distributions and statistics".
//
// Two ways in:
//  - factories (Distribution::normal(...)) for code: invalid parameters are a contract violation
//    (DT_ASSERT);
//  - check_* functions for the scenario reader: they return "" when the parameters are valid, else
//    one sentence naming the parameter and its allowed range, e.g. "sd must be > 0 and finite
//    (got -3)".
//    The scenario reader calls check_x, reports the message at the YAML position, and only then
//    calls the factory.

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/kernel/random.h"

namespace dt {

/// Standard normal density φ(x).
[[nodiscard]] double normal_pdf(double x) noexcept;
/// Standard normal CDF Φ(x) = erfc(-x/√2)/2; full relative precision in the lower tail.
[[nodiscard]] double normal_cdf(double x) noexcept;
/// Φ⁻¹(p), Wichura 1988, Algorithm AS 241 (PPND16), relative error ~1e-16.
/// Returns -inf for p <= 0, +inf for p >= 1, NaN for NaN.
[[nodiscard]] double normal_quantile(double p) noexcept;
/// ln Γ(x) for x > 0, thread-safe (std::lgamma writes the global signgam). Stirling series after
/// shifting x up to >= 15; absolute error ~1e-14.
[[nodiscard]] double log_gamma(double x) noexcept;
/// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a+b) for a, b > 0, without cancellation when one argument
/// is large (as in Student's t with many degrees of freedom).
[[nodiscard]] double log_beta(double a, double b) noexcept;
/// Regularized lower incomplete gamma P(a, x) = γ(a, x)/Γ(a) for a > 0, x >= 0
/// (series for x < a+1, Lentz continued fraction otherwise; Numerical Recipes 3rd ed. §6.2).
[[nodiscard]] double regularized_gamma_p(double a, double x) noexcept;

class Distribution {
 public:
  enum class Kind : uint8_t {
    Fixed,
    Uniform,
    Exponential,
    Normal,
    Lognormal,
    Triangular,
    Gamma,
    Weibull,
    Discrete,
    Empirical
  };
  static constexpr double kInf = std::numeric_limits<double>::infinity();

  /// fixed(0).
  Distribution() = default;

  /// Always `value` [finite]. Still consumes one draw per sample (streams stay aligned).
  static Distribution fixed(double value);
  /// Uniform on [min, max] [finite, min < max].
  static Distribution uniform(double min, double max);
  /// Exponential with the given mean [finite, > 0].
  static Distribution exponential(double mean);
  /// Normal(mean, sd) [sd > 0], optionally truncated to [lower, upper] [lower < upper, the interval
  /// must carry probability]. Sampled exactly: Φ⁻¹ of a uniform on [Φ(α), Φ(β)].
  static Distribution normal(double mean, double sd, double lower = -kInf, double upper = kInf);
  /// Lognormal with the mean and sd OF THE VARIABLE [both > 0]: σ² = ln(1 + sd²/mean²),
  /// μ = ln(mean) − σ²/2. Optionally truncated to [lower, upper] [0 <= lower < upper]; mean() and
  /// stddev() are then those of the truncated variable (which differ from the parameters).
  static Distribution lognormal(double mean, double sd, double lower = 0.0, double upper = kInf);
  /// Triangular [min <= mode <= max, min < max].
  static Distribution triangular(double min, double mode, double max);
  /// Gamma with the given mean and sd [both > 0]: shape (mean/sd)², scale sd²/mean.
  /// Marsaglia & Tsang 2000; consumes a variable number of draws (>= 2).
  static Distribution gamma(double mean, double sd);
  /// Weibull F(x) = 1 − exp(−(x/λ)^shape) [shape > 0, scale λ > 0]; scenarios write λ as `lambda`
  /// (`scale` multiplies any distribution, see scaled()).
  static Distribution weibull(double shape, double scale);
  /// P(values[i]) ∝ weights[i] [same length >= 1, values finite, weights finite >= 0, sum > 0].
  /// Sampled by inversion over the values sorted ascending (binary search).
  static Distribution discrete(std::vector<double> values, std::vector<double> weights);
  /// Piecewise-linear CDF through (points[i], cumulative_probabilities[i]) [>= 2 points,
  /// points non-decreasing, probabilities non-decreasing from exactly 0 to exactly 1].
  static Distribution empirical(std::vector<double> points,
                                std::vector<double> cumulative_probabilities);

  // Validation for the scenario reader: "" if valid, else a message naming the parameter.
  [[nodiscard]] static std::string check_fixed(double value);
  [[nodiscard]] static std::string check_uniform(double min, double max);
  [[nodiscard]] static std::string check_exponential(double mean);
  [[nodiscard]] static std::string check_normal(double mean, double sd, double lower = -kInf,
                                                double upper = kInf);
  [[nodiscard]] static std::string check_lognormal(double mean, double sd, double lower = 0.0,
                                                   double upper = kInf);
  [[nodiscard]] static std::string check_triangular(double min, double mode, double max);
  [[nodiscard]] static std::string check_gamma(double mean, double sd);
  [[nodiscard]] static std::string check_weibull(double shape, double scale);
  [[nodiscard]] static std::string check_discrete(std::span<const double> values,
                                                  std::span<const double> weights);
  [[nodiscard]] static std::string check_empirical(
      std::span<const double> points, std::span<const double> cumulative_probabilities);
  /// For scaled(): "" when `factor` is > 0 and finite, else a message naming it.
  [[nodiscard]] static std::string check_scale(double factor);

  /// The distribution of factor·X [factor > 0, finite]: every parameter in the variable's units is
  /// multiplied (fixed: the value; uniform, triangular: the bounds and mode; exponential, gamma:
  /// mean and sd; normal, lognormal: mean, sd and the truncation bounds — for the lognormal
  /// μ of ln X grows by ln(factor) and σ is unchanged; weibull: the scale; discrete: the values;
  /// empirical: the points). Mean and sd are both multiplied by `factor`; the kind and the number
  /// of draws per sample stay the same, so common random numbers stay aligned.
  [[nodiscard]] Distribution scaled(double factor) const;

  /// One sample. Allocates nothing; see the top of this file for the number of draws.
  [[nodiscard]] double sample(RandomStream& rng) const noexcept;

  /// Analytic mean (of the truncated variable when truncated).
  [[nodiscard]] double mean() const;
  /// Analytic standard deviation (of the truncated variable when truncated).
  [[nodiscard]] double stddev() const;
  /// P(X <= x).
  [[nodiscard]] double cdf(double x) const;
  /// Smallest and largest value a sample can take (may be ±inf).
  [[nodiscard]] double support_min() const noexcept;
  [[nodiscard]] double support_max() const noexcept;

  [[nodiscard]] Kind kind() const noexcept { return kind_; }
  /// e.g. "lognormal(mean 300, sd 120, truncated to [0, 3600])".
  [[nodiscard]] std::string describe() const;

 private:
  struct Table {
    std::vector<double> x;       ///< discrete: values sorted ascending; empirical: points
    std::vector<double> cum;     ///< cumulative probability at x[i]; cum.back() == 1
    std::vector<double> weight;  ///< discrete: the weights as given, in the order of x
  };

  double truncated_normal_z(double u) const noexcept;  // Φ⁻¹ on this distribution's window
  double standard_alpha() const noexcept;              // lower bound on the standard-normal scale
  double standard_beta() const noexcept;               // upper bound on the standard-normal scale
  double sample_gamma(RandomStream& rng) const noexcept;

  Kind kind_ = Kind::Fixed;
  bool mirrored_ = false;            // normal/lognormal window lies in the upper half: invert −z
  std::array<double, 3> param_{};    // the planner's parameters, in factory order
  double lower_ = 0.0;  // support (normal, lognormal: truncation bounds) in the variable's units
  double upper_ = 0.0;
  double loc_ = 0.0;    // normal: mean; lognormal: μ of ln X; gamma: shape k; weibull: 1/shape
  double scale_ = 1.0;  // normal: sd; lognormal: σ of ln X; gamma: scale θ; weibull: scale
  double window_lo_ = 0.0;     // normal/lognormal: Φ at the (mirrored) lower standard bound
  double window_width_ = 1.0;  //   and the probability mass of the window
  double mt_d_ = 0.0;          // gamma: Marsaglia–Tsang d = k' − 1/3 (k' = k, or k+1 if k < 1)
  double mt_c_ = 0.0;          //   and c = 1/√(9d)
  std::shared_ptr<const Table> table_;  // discrete, empirical (shared by copies)
};

/// "fixed", "uniform", ... as in the factory names.
[[nodiscard]] std::string_view to_string(Distribution::Kind kind) noexcept;

}  // namespace dt
