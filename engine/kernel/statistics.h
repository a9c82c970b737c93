#pragma once
// Statistics of a KPI across replications: streaming mean/variance, exact quantiles of stored
// samples, Student-t 95 % confidence intervals and paired differences for comparing variants run
// on common random numbers. Methods and sources: docs/model.md, "Random numbers, distributions
// and statistics".
//
// Determinism: every function processes its input in index order with a fixed sequence of
// floating-point operations, so the same values in the same order (replication order) give
// bit-identical results whatever the thread count that produced them.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>

namespace dt {

/// Streaming mean and variance (Welford 1962; update as in Knuth, TAOCP vol. 2, 4.2.2), stable
/// where the sum-of-squares formula cancels (1e9 + small values). Not for NaN (assert).
class Welford {
 public:
  void add(double x) noexcept;
  /// Adds everything `other` has seen (Chan, Golub & LeVeque 1979). Results depend on the order
  /// of merges at the last bit: merge in a fixed order (e.g. replication order).
  void merge(const Welford& other) noexcept;

  [[nodiscard]] uint64_t count() const noexcept { return n_; }
  /// NaN when empty.
  [[nodiscard]] double mean() const noexcept;
  /// Sample variance (divisor n − 1); NaN when count() < 2.
  [[nodiscard]] double variance() const noexcept;
  /// √variance(); NaN when count() < 2.
  [[nodiscard]] double stddev() const noexcept;
  /// NaN when empty.
  [[nodiscard]] double min() const noexcept;
  [[nodiscard]] double max() const noexcept;

 private:
  uint64_t n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;  // Σ (x − mean)²
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

/// Quantile of ascending-sorted data, Hyndman & Fan (1996) type 7 (R's default, numpy's
/// "linear"): h = (n−1)p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]). p in [0, 1]. NaN when empty.
/// Monotone in p and within [x[⌊h⌋], x[⌈h⌉]] also in floating point.
[[nodiscard]] double quantile_sorted(std::span<const double> sorted, double p);

/// Regularized incomplete beta I_x(a, b) for a, b > 0, x in [0, 1] (continued fraction evaluated
/// with the modified Lentz method; Numerical Recipes 3rd ed. §6.4).
[[nodiscard]] double regularized_incomplete_beta(double a, double b, double x);

/// P(T <= t) for Student's t with df > 0 degrees of freedom (df may be fractional or inf).
[[nodiscard]] double student_t_cdf(double t, double df);
/// t with P(T <= t) = p; relative error ~1e-12. Newton on the tail probability with a bisection
/// safeguard; closed forms for df = 1 and 2; Cornish–Fisher expansion for df >= 1e4; df = inf
/// gives the normal quantile.
[[nodiscard]] double student_t_quantile(double p, double df);

/// The values a KPI can take; its confidence interval is kept inside this range.
enum class KpiRange {
  Any,          ///< any real number (e.g. a paired difference)
  NonNegative,  ///< a time, a count, a cost: >= 0
  Fraction,     ///< a share or probability: in [0, 1]
};

/// How a SampleSummary's 95 % interval was computed (docs/user-guide.md, "Confidence intervals").
enum class CiMethod {
  StudentT,         ///< mean ± t(0.975, n−1)·s/√n
  StudentTClamped,  ///< the same, cut to the KPI's range (it reached outside what the KPI can take)
  Wilson,           ///< Wilson score interval: a Fraction KPI whose every replication is 0 or 1
};

/// Summary of one KPI over replications. NaN where undefined: everything when n == 0; stddev and
/// the CI when n < 2. Always ci95_low <= mean <= ci95_high and min <= p50 <= p90 <= p95 <= max.
struct SampleSummary {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::size_t n = 0;        ///< values used (NaN entries are not counted)
  double mean = kNaN;
  double stddev = kNaN;     ///< sample standard deviation (n − 1)
  double ci95_low = kNaN;   ///< mean − t(0.975, n−1) · stddev / √n
  double ci95_high = kNaN;  ///< mean + t(0.975, n−1) · stddev / √n
  double min = kNaN;
  double p50 = kNaN;        ///< quantiles: Hyndman & Fan type 7
  double p90 = kNaN;
  double p95 = kNaN;
  double max = kNaN;
  std::size_t skipped = 0;  ///< NaN entries skipped (KPI undefined in that replication)
  CiMethod ci_method = CiMethod::StudentT;
};

/// Summarizes values in index order (pass them in replication order). NaN entries are skipped.
/// The 95 % interval stays inside `range`: for a Fraction whose values are all 0 or 1 (an event
/// per replication) it is the Wilson score interval (Wilson 1927) with n trials; otherwise the
/// Student-t interval, cut at the range's bounds where it reaches past them (ci_method says so).
[[nodiscard]] SampleSummary summarize(std::span<const double> values, KpiRange range = KpiRange::Any);

/// Wilson score interval for k successes in n >= 1 trials at normal quantile z: {low, high}.
struct Interval {
  double low;
  double high;
};
[[nodiscard]] Interval wilson_interval(double successes, double trials, double z);

/// b − a per index, over the pairs where neither is NaN: the comparison of two variants run on
/// common random numbers. NaN mean when n == 0, NaN stddev/CI when n < 2.
struct PairedDifference {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::size_t n = 0;
  double mean = kNaN;
  double stddev = kNaN;
  double ci95_low = kNaN;
  double ci95_high = kNaN;
  bool significant = false;  ///< the 95 % CI excludes 0 (needs n >= 2)
};

/// a and b must have the same length (assert).
[[nodiscard]] PairedDifference paired_difference(std::span<const double> a,
                                                 std::span<const double> b);

}  // namespace dt
