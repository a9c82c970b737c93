#include "engine/kernel/distribution.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <tuple>
#include <utility>

#include "engine/kernel/assert.h"
#include "engine/kernel/lang.h"

namespace dt {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kLnSqrt2Pi = 0.91893853320467274178;  // ln √(2π)

// Shortest text that reads back as x: "300", "0.1", "inf".
std::string num(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, x);
  return std::string(buf, res.ptr);
}

std::string num(std::size_t i) { return std::to_string(i); }

DT_PHRASE(kMust, "{} must be {} (got {})", "{} 必须为{}（实际为 {}）");
DT_PHRASE(kRuleFinite, "a finite number", "有限的数");
DT_PHRASE(kRulePositiveFinite, "> 0 and finite", " > 0 的有限数");
DT_PHRASE(kRuleNumberOrMinusInf, "a number or -inf", "数或 -inf");
DT_PHRASE(kRuleNumberOrInf, "a number or inf", "数或 inf");
DT_PHRASE(kRuleNonNegative, ">= 0", " >= 0");
DT_PHRASE(kRuleZero, "0", " 0");
DT_PHRASE(kRuleOne, "1", " 1");
DT_PHRASE(kSumOfWeights, "the sum of the weights", "权重之和");
DT_PHRASE(kLastCumulative, "the last cumulative probability", "最后一个累积概率");
DT_PHRASE(kMinBelowMax, "min must be < max (got min {}, max {})", "min 必须 < max（实际 min 为 {}，max 为 {}）");
DT_PHRASE(kLowerBelowUpper, "lower must be < upper (got lower {}, upper {})", "lower 必须 < upper（实际 lower 为 {}，upper 为 {}）");
DT_PHRASE(kTruncationTail, "the truncation interval [{}, {}] lies too far in the tail of {}(mean {}, sd {}) to carry any probability",
          "截断区间 [{}, {}] 位于 {}（mean {}，sd {}）的尾部过远处，概率为零");
DT_PHRASE(kModeInRange, "mode must be in [min, max] = [{}, {}] (got {})", "mode 必须在 [min, max] = [{}, {}] 之内（实际为 {}）");
DT_PHRASE(kValuesEmpty, "values must list at least one value (got none)", "values 至少要列出一个值（实际一个也没有）");
DT_PHRASE(kValuesWeightsLength, "values and weights must have the same length (got {} values, {} weights)",
          "values 与 weights 的长度必须相同（实际为 {} 个值，{} 个权重）");
DT_PHRASE(kValueFinite, "values[{}] must be a finite number (got {})", "values[{}] 必须是有限的数（实际为 {}）");
DT_PHRASE(kWeightFinite, "weights[{}] must be >= 0 and finite (got {})", "weights[{}] 必须是 >= 0 的有限数（实际为 {}）");
DT_PHRASE(kPointsTwo, "points must list at least 2 points (got {})", "points 至少要列出 2 个点（实际为 {} 个）");
DT_PHRASE(kPointsLength, "points and cumulative_probabilities must have the same length (got {} points, {} probabilities)",
          "points 与 cumulative_probabilities 的长度必须相同（实际为 {} 个点，{} 个概率）");
DT_PHRASE(kPointFinite, "points[{}] must be a finite number (got {})", "points[{}] 必须是有限的数（实际为 {}）");
DT_PHRASE(kProbabilityRange, "cumulative_probabilities[{}] must be in [0, 1] (got {})", "cumulative_probabilities[{}] 必须在 [0, 1] 之内（实际为 {}）");
DT_PHRASE(kPointsOrder, "points must be non-decreasing (points[{}] = {} comes after {})", "points 必须单调不减（points[{}] = {} 位于 {} 之后）");
DT_PHRASE(kProbabilitiesOrder, "cumulative_probabilities must be non-decreasing (cumulative_probabilities[{}] = {} comes after {})",
          "cumulative_probabilities 必须单调不减（cumulative_probabilities[{}] = {} 位于 {} 之后）");

// Concatenation by appending (GCC 12 at -O3 reports a false -Wrestrict on "literal" + string).
template <class... Parts>
std::string cat(const Parts&... parts) {
  std::string s;
  (s.append(parts), ...);
  return s;
}

std::string list(std::span<const double> xs) {
  constexpr std::size_t kShown = 8;
  std::string s = "[";
  for (std::size_t i = 0; i < xs.size() && i < kShown; ++i) {
    if (i > 0) s += ", ";
    s += num(xs[i]);
  }
  if (xs.size() > kShown) s.append(cat(", ... (", num(xs.size()), " in all)"));
  s += ']';
  return s;
}

std::string must(std::string_view name, const Phrase& rule, double got) {
  return say(kMust, name, say(rule), num(got));
}
std::string must(const Phrase& name, const Phrase& rule, double got) { return must(say(name), rule, got); }

// Φ(b) − Φ(a) for a <= b, evaluated on the side of 0 where Φ keeps full relative precision, so
// that windows far in the upper tail do not cancel to 0.
double normal_mass(double a, double b) noexcept {
  if (a > 0.0) return normal_cdf(-a) - normal_cdf(-b);
  return normal_cdf(b) - normal_cdf(a);
}

// a·φ(a), taken as 0 at ±inf.
double x_pdf(double a) noexcept { return std::isinf(a) ? 0.0 : a * normal_pdf(a); }

// Lognormal parameters of the underlying normal from the variable's mean and sd:
// σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2 (moments of the lognormal, Johnson, Kotz &
// Balakrishnan 1994, ch. 14).
std::pair<double, double> lognormal_mu_sigma(double mean, double sd) noexcept {
  const double cv = sd / mean;
  const double sigma2 = std::log1p(cv * cv);
  return {std::log(mean) - 0.5 * sigma2, std::sqrt(sigma2)};
}

double log_or_minus_inf(double x) noexcept { return x > 0.0 ? std::log(x) : -kInf; }

// Stirling correction ln Γ(x) − [(x − ½) ln x − x + ln √(2π)] for x >= 15 (Abramowitz & Stegun
// 6.1.41); the first omitted term is below 2e-16 there.
double stirling_correction(double x) noexcept {
  const double r = 1.0 / x, r2 = r * r;
  return r * (1.0 / 12 +
              r2 * (-1.0 / 360 +
                    r2 * (1.0 / 1260 + r2 * (-1.0 / 1680 + r2 * (1.0 / 1188 + r2 * (-691.0 / 360360))))));
}

constexpr double kStirlingFrom = 15.0;

}  // namespace

// ---------------------------------------------------------------------------------------------
// Special functions

double normal_pdf(double x) noexcept { return std::exp(-0.5 * x * x - kLnSqrt2Pi); }

double normal_cdf(double x) noexcept { return 0.5 * std::erfc(-x * 0.70710678118654752440); }

// Wichura, M. J. (1988). Algorithm AS 241: The percentage points of the normal distribution.
// Applied Statistics 37(3), 477–484. PPND16, coefficients as published.
double normal_quantile(double p) noexcept {
  if (std::isnan(p)) return kNaN;
  if (p <= 0.0) return -kInf;
  if (p >= 1.0) return kInf;
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q *
           (((((((2.5090809287301226727e+3 * r + 3.3430575583588128105e+4) * r +
                 6.7265770927008700853e+4) * r + 4.5921953931549871457e+4) * r +
               1.3731693765509461125e+4) * r + 1.9715909503065514427e+3) * r +
             1.3314166789178437745e+2) * r + 3.3871328727963666080e+0) /
           (((((((5.2264952788528545610e+3 * r + 2.8729085735721942674e+4) * r +
                 3.9307895800092710610e+4) * r + 2.1213794301586595867e+4) * r +
               5.3941960214247511077e+3) * r + 6.8718700749205790830e+2) * r +
             4.2313330701600911252e+1) * r + 1.0);
  }
  double r = std::sqrt(-std::log(q < 0.0 ? p : 1.0 - p));
  double z;
  if (r <= 5.0) {
    r -= 1.6;
    z = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r +
              2.41780725177450611770e-1) * r + 1.27045825245236838258e+0) * r +
            3.64784832476320460504e+0) * r + 5.76949722146069140550e+0) * r +
          4.63033784615654529590e+0) * r + 1.42343711074968357734e+0) /
        (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r +
              1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r +
            6.89767334985100004550e-1) * r + 1.67638483018380384940e+0) * r +
          2.05319162663775882187e+0) * r + 1.0);
  } else {
    r -= 5.0;
    z = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r +
              1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r +
            2.96560571828504891230e-1) * r + 1.78482653991729133580e+0) * r +
          5.46378491116411436990e+0) * r + 6.65790464350110377720e+0) /
        (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r +
              1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r +
            1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r +
          5.99832206555887937690e-1) * r + 1.0);
  }
  return q < 0.0 ? -z : z;
}

double log_gamma(double x) noexcept {
  DT_ASSERT(x > 0.0, "log_gamma: x <= 0");
  if (std::isinf(x)) return kInf;
  // ln Γ(x) = ln Γ(x + n) − ln(x (x+1) ... (x+n−1)) with x + n >= 15.
  double shift = 0.0;
  if (x < kStirlingFrom) {
    double prod = 1.0;
    while (x < kStirlingFrom) {
      prod *= x;
      x += 1.0;
    }
    shift = std::log(prod);
  }
  return (x - 0.5) * std::log(x) - x + kLnSqrt2Pi + stirling_correction(x) - shift;
}

double log_beta(double a, double b) noexcept {
  DT_ASSERT(a > 0.0 && b > 0.0, "log_beta: a or b <= 0");
  if (a < b) std::swap(a, b);  // a is the larger
  if (a < kStirlingFrom) return log_gamma(a) + log_gamma(b) - log_gamma(a + b);
  // ln Γ(a) − ln Γ(a+b) from Stirling's formula, rearranged so nothing of size a·ln a cancels:
  // (a−½) ln a − (a+b−½) ln(a+b) = −(a−½) log1p(b/a) − b ln(a+b).
  const double ratio = -(a - 0.5) * std::log1p(b / a) - b * std::log(a + b) + b +
                       stirling_correction(a) - stirling_correction(a + b);
  return log_gamma(b) + ratio;
}

double regularized_gamma_p(double a, double x) noexcept {
  if (!(a > 0.0) || std::isnan(x)) return kNaN;
  if (x <= 0.0) return 0.0;
  if (std::isinf(x)) return 1.0;
  const double log_prefactor = a * std::log(x) - x - log_gamma(a);  // ln(x^a e^-x / Γ(a))
  constexpr int kMaxIterations = 100000;
  constexpr double kEps = 1e-16;
  if (x < a + 1.0) {
    // P(a, x) = x^a e^-x / Γ(a) · Σ_n x^n / (a (a+1) ... (a+n))
    double term = 1.0 / a, sum = term, ap = a;
    for (int n = 0; n < kMaxIterations && std::fabs(term) > std::fabs(sum) * kEps; ++n) {
      ap += 1.0;
      term *= x / ap;
      sum += term;
    }
    return std::min(1.0, sum * std::exp(log_prefactor));
  }
  // Q(a, x) by the continued fraction of Legendre, modified Lentz evaluation.
  constexpr double kTiny = 1e-300;
  double b = x + 1.0 - a, c = 1.0 / kTiny, d = 1.0 / b, h = d;
  for (int i = 1; i < kMaxIterations; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = b + an / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < kEps) break;
  }
  return std::max(0.0, 1.0 - std::exp(log_prefactor) * h);
}

// ---------------------------------------------------------------------------------------------
// Validation

std::string Distribution::check_fixed(double value) {
  if (!std::isfinite(value)) return must("value", kRuleFinite, value);
  return {};
}

std::string Distribution::check_uniform(double min, double max) {
  if (!std::isfinite(min)) return must("min", kRuleFinite, min);
  if (!std::isfinite(max)) return must("max", kRuleFinite, max);
  if (!(min < max)) return say(kMinBelowMax, num(min), num(max));
  return {};
}

std::string Distribution::check_exponential(double mean) {
  if (!(mean > 0.0 && std::isfinite(mean))) return must("mean", kRulePositiveFinite, mean);
  return {};
}

std::string Distribution::check_normal(double mean, double sd, double lower, double upper) {
  if (!std::isfinite(mean)) return must("mean", kRuleFinite, mean);
  if (!(sd > 0.0 && std::isfinite(sd))) return must("sd", kRulePositiveFinite, sd);
  if (std::isnan(lower)) return must("lower", kRuleNumberOrMinusInf, lower);
  if (std::isnan(upper)) return must("upper", kRuleNumberOrInf, upper);
  if (!(lower < upper))
    return say(kLowerBelowUpper, num(lower), num(upper));
  if (!(normal_mass((lower - mean) / sd, (upper - mean) / sd) > 0.0))
    return say(kTruncationTail, num(lower), num(upper), "normal", num(mean), num(sd));
  return {};
}

std::string Distribution::check_lognormal(double mean, double sd, double lower, double upper) {
  if (!(mean > 0.0 && std::isfinite(mean))) return must("mean", kRulePositiveFinite, mean);
  if (!(sd > 0.0 && std::isfinite(sd))) return must("sd", kRulePositiveFinite, sd);
  if (!(lower >= 0.0)) return must("lower", kRuleNonNegative, lower);
  if (std::isnan(upper)) return must("upper", kRuleNumberOrInf, upper);
  if (!(lower < upper))
    return say(kLowerBelowUpper, num(lower), num(upper));
  const auto [mu, sigma] = lognormal_mu_sigma(mean, sd);
  if (!(normal_mass((log_or_minus_inf(lower) - mu) / sigma, (std::log(upper) - mu) / sigma) > 0.0))
    return say(kTruncationTail, num(lower), num(upper), "lognormal", num(mean), num(sd));
  return {};
}

std::string Distribution::check_triangular(double min, double mode, double max) {
  if (!std::isfinite(min)) return must("min", kRuleFinite, min);
  if (!std::isfinite(mode)) return must("mode", kRuleFinite, mode);
  if (!std::isfinite(max)) return must("max", kRuleFinite, max);
  if (!(min < max)) return say(kMinBelowMax, num(min), num(max));
  if (!(min <= mode && mode <= max))
    return say(kModeInRange, num(min), num(max), num(mode));
  return {};
}

std::string Distribution::check_gamma(double mean, double sd) {
  if (!(mean > 0.0 && std::isfinite(mean))) return must("mean", kRulePositiveFinite, mean);
  if (!(sd > 0.0 && std::isfinite(sd))) return must("sd", kRulePositiveFinite, sd);
  return {};
}

std::string Distribution::check_weibull(double shape, double scale) {
  if (!(shape > 0.0 && std::isfinite(shape))) return must("shape", kRulePositiveFinite, shape);
  if (!(scale > 0.0 && std::isfinite(scale))) return must("lambda", kRulePositiveFinite, scale);
  return {};
}

std::string Distribution::check_discrete(std::span<const double> values,
                                         std::span<const double> weights) {
  if (values.empty()) return say(kValuesEmpty);
  if (values.size() != weights.size())
    return say(kValuesWeightsLength, num(values.size()), num(weights.size()));
  double total = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i]))
      return say(kValueFinite, num(i), num(values[i]));
    if (!(weights[i] >= 0.0 && std::isfinite(weights[i])))
      return say(kWeightFinite, num(i), num(weights[i]));
    total += weights[i];
  }
  if (!(total > 0.0 && std::isfinite(total)))
    return must(kSumOfWeights, kRulePositiveFinite, total);
  return {};
}

std::string Distribution::check_empirical(std::span<const double> points,
                                          std::span<const double> cumulative_probabilities) {
  const auto& p = cumulative_probabilities;
  if (points.size() < 2) return say(kPointsTwo, num(points.size()));
  if (points.size() != p.size())
    return say(kPointsLength, num(points.size()), num(p.size()));
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (!std::isfinite(points[i]))
      return say(kPointFinite, num(i), num(points[i]));
    if (!(p[i] >= 0.0 && p[i] <= 1.0))
      return say(kProbabilityRange, num(i), num(p[i]));
    if (i > 0 && points[i] < points[i - 1])
      return say(kPointsOrder, num(i), num(points[i]), num(points[i - 1]));
    if (i > 0 && p[i] < p[i - 1])
      return say(kProbabilitiesOrder, num(i), num(p[i]), num(p[i - 1]));
  }
  if (p.front() != 0.0) return must("cumulative_probabilities[0]", kRuleZero, p.front());
  if (p.back() != 1.0) return must(kLastCumulative, kRuleOne, p.back());
  return {};
}

std::string Distribution::check_scale(double factor) {
  if (!(factor > 0.0 && std::isfinite(factor))) return must("scale", kRulePositiveFinite, factor);
  return {};
}

// ---------------------------------------------------------------------------------------------
// Factories

namespace {
void require_valid([[maybe_unused]] const std::string& problem) {
  DT_ASSERT(problem.empty(), problem.c_str());
}
}  // namespace

Distribution Distribution::fixed(double value) {
  require_valid(check_fixed(value));
  Distribution d;
  d.kind_ = Kind::Fixed;
  d.param_ = {value, 0.0, 0.0};
  d.lower_ = d.upper_ = value;
  return d;
}

Distribution Distribution::uniform(double min, double max) {
  require_valid(check_uniform(min, max));
  Distribution d;
  d.kind_ = Kind::Uniform;
  d.param_ = {min, max, 0.0};
  d.lower_ = min;
  d.upper_ = max;
  return d;
}

Distribution Distribution::exponential(double mean) {
  require_valid(check_exponential(mean));
  Distribution d;
  d.kind_ = Kind::Exponential;
  d.param_ = {mean, 0.0, 0.0};
  d.lower_ = 0.0;
  d.upper_ = kInf;
  return d;
}

Distribution Distribution::normal(double mean, double sd, double lower, double upper) {
  require_valid(check_normal(mean, sd, lower, upper));
  Distribution d;
  d.kind_ = Kind::Normal;
  d.param_ = {mean, sd, 0.0};
  d.lower_ = lower;
  d.upper_ = upper;
  d.loc_ = mean;
  d.scale_ = sd;
  const double alpha = d.standard_alpha(), beta = d.standard_beta();
  // A window in the upper half is inverted as −Φ⁻¹ on the mirrored window, where Φ is small and
  // exact, instead of as Φ⁻¹ of numbers close to 1.
  d.mirrored_ = alpha > 0.0;
  d.window_lo_ = d.mirrored_ ? normal_cdf(-beta) : normal_cdf(alpha);
  d.window_width_ = normal_mass(alpha, beta);
  return d;
}

Distribution Distribution::lognormal(double mean, double sd, double lower, double upper) {
  require_valid(check_lognormal(mean, sd, lower, upper));
  Distribution d;
  d.kind_ = Kind::Lognormal;
  d.param_ = {mean, sd, 0.0};
  d.lower_ = lower;
  d.upper_ = upper;
  std::tie(d.loc_, d.scale_) = lognormal_mu_sigma(mean, sd);
  const double alpha = d.standard_alpha(), beta = d.standard_beta();
  d.mirrored_ = alpha > 0.0;
  d.window_lo_ = d.mirrored_ ? normal_cdf(-beta) : normal_cdf(alpha);
  d.window_width_ = normal_mass(alpha, beta);
  return d;
}

Distribution Distribution::triangular(double min, double mode, double max) {
  require_valid(check_triangular(min, mode, max));
  Distribution d;
  d.kind_ = Kind::Triangular;
  d.param_ = {min, mode, max};
  d.lower_ = min;
  d.upper_ = max;
  return d;
}

Distribution Distribution::gamma(double mean, double sd) {
  require_valid(check_gamma(mean, sd));
  Distribution d;
  d.kind_ = Kind::Gamma;
  d.param_ = {mean, sd, 0.0};
  d.lower_ = 0.0;
  d.upper_ = kInf;
  const double cv = sd / mean;
  d.loc_ = 1.0 / (cv * cv);    // shape k = (mean/sd)²
  d.scale_ = sd * cv;          // scale θ = sd²/mean
  const double k_boosted = d.loc_ < 1.0 ? d.loc_ + 1.0 : d.loc_;
  d.mt_d_ = k_boosted - 1.0 / 3.0;
  d.mt_c_ = 1.0 / std::sqrt(9.0 * d.mt_d_);
  return d;
}

Distribution Distribution::weibull(double shape, double scale) {
  require_valid(check_weibull(shape, scale));
  Distribution d;
  d.kind_ = Kind::Weibull;
  d.param_ = {shape, scale, 0.0};
  d.lower_ = 0.0;
  d.upper_ = kInf;
  d.loc_ = 1.0 / shape;
  d.scale_ = scale;
  return d;
}

Distribution Distribution::discrete(std::vector<double> values, std::vector<double> weights) {
  require_valid(check_discrete(values, weights));
  // Sort by value (stable: equal values keep the planner's order) so inversion is monotone.
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  auto table = std::make_shared<Table>();
  table->x.reserve(values.size());
  table->weight.reserve(values.size());
  for (const std::size_t i : order) {
    table->x.push_back(values[i]);
    table->weight.push_back(weights[i]);
  }
  double total = 0.0;
  for (const double w : table->weight) total += w;
  double running = 0.0;
  table->cum.reserve(values.size());
  for (const double w : table->weight) {
    running += w;
    table->cum.push_back(running / total);
  }
  // The last value of positive weight ends the CDF at exactly 1 (trailing zero weights too).
  std::size_t last = table->x.size() - 1;
  while (table->weight[last] == 0.0) --last;
  std::fill(table->cum.begin() + static_cast<std::ptrdiff_t>(last), table->cum.end(), 1.0);
  std::size_t first = 0;
  while (table->weight[first] == 0.0) ++first;

  Distribution d;
  d.kind_ = Kind::Discrete;
  d.lower_ = table->x[first];
  d.upper_ = table->x[last];
  d.table_ = std::move(table);
  return d;
}

Distribution Distribution::empirical(std::vector<double> points,
                                     std::vector<double> cumulative_probabilities) {
  require_valid(check_empirical(points, cumulative_probabilities));
  auto table = std::make_shared<Table>();
  table->x = std::move(points);
  table->cum = std::move(cumulative_probabilities);
  // Support: from the last point still at probability 0 to the first point reaching 1.
  const auto& x = table->x;
  const auto& p = table->cum;
  std::size_t first = 0;
  while (p[first + 1] == 0.0) ++first;
  std::size_t last = p.size() - 1;
  while (p[last - 1] == 1.0) --last;

  Distribution d;
  d.kind_ = Kind::Empirical;
  d.lower_ = x[first];
  d.upper_ = x[last];
  d.table_ = std::move(table);
  return d;
}

// The factories are called again with the scaled parameters, so the derived fields (lognormal μ and
// σ, truncation windows, gamma's Marsaglia–Tsang constants) follow from one place.
Distribution Distribution::scaled(double factor) const {
  require_valid(check_scale(factor));
  const double s = factor;
  const auto times = [s](std::vector<double> xs) {
    for (double& x : xs) x *= s;
    return xs;
  };
  switch (kind_) {
    case Kind::Fixed: return fixed(s * param_[0]);
    case Kind::Uniform: return uniform(s * param_[0], s * param_[1]);
    case Kind::Exponential: return exponential(s * param_[0]);
    case Kind::Normal: return normal(s * param_[0], s * param_[1], s * lower_, s * upper_);
    case Kind::Lognormal: return lognormal(s * param_[0], s * param_[1], s * lower_, s * upper_);
    case Kind::Triangular: return triangular(s * param_[0], s * param_[1], s * param_[2]);
    case Kind::Gamma: return gamma(s * param_[0], s * param_[1]);
    case Kind::Weibull: return weibull(param_[0], s * param_[1]);
    case Kind::Discrete: return discrete(times(table_->x), table_->weight);
    case Kind::Empirical: return empirical(times(table_->x), table_->cum);
  }
  return *this;
}

// ---------------------------------------------------------------------------------------------
// Sampling

double Distribution::standard_alpha() const noexcept {
  if (kind_ == Kind::Lognormal) return (log_or_minus_inf(lower_) - loc_) / scale_;
  return (lower_ - loc_) / scale_;
}

double Distribution::standard_beta() const noexcept {
  if (kind_ == Kind::Lognormal) return (std::log(upper_) - loc_) / scale_;
  return (upper_ - loc_) / scale_;
}

double Distribution::truncated_normal_z(double u) const noexcept {
  const double z = normal_quantile(window_lo_ + u * window_width_);
  return mirrored_ ? -z : z;
}

double Distribution::sample_gamma(RandomStream& rng) const noexcept {
  // Marsaglia, G. & Tsang, W. W. (2000). A simple method for generating gamma variables.
  // ACM TOMS 26(3), 363–372. Shape k < 1: sample shape k+1 and multiply by U^(1/k) (ibid. §6).
  double x, v;
  for (;;) {
    do {
      x = rng.standard_normal();
      v = 1.0 + mt_c_ * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = rng.uniform01();
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) break;                                   // squeeze
    if (std::log(u) < 0.5 * x2 + mt_d_ * (1.0 - v + std::log(v))) break;    // exact test
  }
  double g = mt_d_ * v;
  if (loc_ < 1.0) g *= std::pow(rng.uniform01(), 1.0 / loc_);
  return g * scale_;
}

double Distribution::sample(RandomStream& rng) const noexcept {
  switch (kind_) {
    case Kind::Fixed:
      (void)rng.next_u64();  // one draw, like every other kind: streams stay aligned
      return param_[0];
    case Kind::Uniform:
      return std::min(param_[0] + (param_[1] - param_[0]) * rng.uniform01(), param_[1]);
    case Kind::Exponential:
      return -param_[0] * std::log(rng.uniform01());
    case Kind::Normal:
      return std::clamp(loc_ + scale_ * truncated_normal_z(rng.uniform01()), lower_, upper_);
    case Kind::Lognormal:
      return std::clamp(std::exp(loc_ + scale_ * truncated_normal_z(rng.uniform01())), lower_,
                        upper_);
    case Kind::Triangular: {
      const double a = param_[0], c = param_[1], b = param_[2];
      const double u = rng.uniform01();
      const double x = u * (b - a) < c - a ? a + std::sqrt(u * (b - a) * (c - a))
                                           : b - std::sqrt((1.0 - u) * (b - a) * (b - c));
      return std::clamp(x, a, b);
    }
    case Kind::Gamma:
      return sample_gamma(rng);
    case Kind::Weibull:
      return scale_ * std::pow(-std::log(rng.uniform01()), loc_);
    case Kind::Discrete: {
      const double u = rng.uniform01();
      const auto& cum = table_->cum;
      const auto it = std::upper_bound(cum.begin(), cum.end(), u);  // first cum > u; exists: cum.back() == 1
      return table_->x[static_cast<std::size_t>(it - cum.begin())];
    }
    case Kind::Empirical: {
      const double u = rng.uniform01();
      const auto& p = table_->cum;
      const auto& x = table_->x;
      // Segment j-1 .. j with p[j-1] <= u < p[j]; 1 <= j <= n-1 because p[0] = 0 and p[n-1] = 1.
      const std::size_t j = static_cast<std::size_t>(std::upper_bound(p.begin(), p.end(), u) - p.begin());
      const double t = (u - p[j - 1]) / (p[j] - p[j - 1]);
      return std::clamp(x[j - 1] + t * (x[j] - x[j - 1]), x[j - 1], x[j]);
    }
  }
  return kNaN;
}

// ---------------------------------------------------------------------------------------------
// Moments and CDF

double Distribution::mean() const {
  switch (kind_) {
    case Kind::Fixed:
    case Kind::Exponential:
    case Kind::Gamma:
      return param_[0];
    case Kind::Uniform:
      return 0.5 * (param_[0] + param_[1]);
    case Kind::Normal: {
      // Truncated normal: μ + σ (φ(α) − φ(β)) / Z (Johnson, Kotz & Balakrishnan 1994, §10.1).
      const double alpha = standard_alpha(), beta = standard_beta();
      return loc_ + scale_ * (normal_pdf(alpha) - normal_pdf(beta)) / window_width_;
    }
    case Kind::Lognormal: {
      if (lower_ <= 0.0 && std::isinf(upper_)) return param_[0];
      // E[X | a < X < b] = e^(μ+σ²/2) [Φ(β−σ) − Φ(α−σ)] / Z.
      const double alpha = standard_alpha(), beta = standard_beta();
      return std::exp(loc_ + 0.5 * scale_ * scale_) * normal_mass(alpha - scale_, beta - scale_) /
             window_width_;
    }
    case Kind::Triangular:
      return (param_[0] + param_[1] + param_[2]) / 3.0;
    case Kind::Weibull:
      return param_[1] * std::tgamma(1.0 + loc_);
    case Kind::Discrete: {
      const auto& t = *table_;
      double total = 0.0, sum = 0.0;
      for (std::size_t i = 0; i < t.x.size(); ++i) {
        total += t.weight[i];
        sum += t.weight[i] * t.x[i];
      }
      return sum / total;
    }
    case Kind::Empirical: {
      const auto& t = *table_;
      double sum = 0.0;  // each segment is uniform on [x_i, x_i+1] with mass p_i+1 − p_i
      for (std::size_t i = 0; i + 1 < t.x.size(); ++i)
        sum += (t.cum[i + 1] - t.cum[i]) * 0.5 * (t.x[i] + t.x[i + 1]);
      return sum;
    }
  }
  return kNaN;
}

double Distribution::stddev() const {
  switch (kind_) {
    case Kind::Fixed:
      return 0.0;
    case Kind::Uniform:
      return (param_[1] - param_[0]) / std::sqrt(12.0);
    case Kind::Exponential:
      return param_[0];
    case Kind::Gamma:
      return param_[1];
    case Kind::Normal: {
      // σ² [1 + (αφ(α) − βφ(β))/Z − ((φ(α) − φ(β))/Z)²]
      const double alpha = standard_alpha(), beta = standard_beta();
      const double a = (normal_pdf(alpha) - normal_pdf(beta)) / window_width_;
      const double var = 1.0 + (x_pdf(alpha) - x_pdf(beta)) / window_width_ - a * a;
      return scale_ * std::sqrt(std::max(var, 0.0));
    }
    case Kind::Lognormal: {
      if (lower_ <= 0.0 && std::isinf(upper_)) return param_[1];
      // E[X²| a < X < b] = e^(2μ+2σ²) [Φ(β−2σ) − Φ(α−2σ)] / Z; var = E[X²] − E[X]².
      const double alpha = standard_alpha(), beta = standard_beta();
      const double m = mean();
      const double m2 = std::exp(2.0 * loc_ + 2.0 * scale_ * scale_) *
                        normal_mass(alpha - 2.0 * scale_, beta - 2.0 * scale_) / window_width_;
      return std::sqrt(std::max(m2 - m * m, 0.0));
    }
    case Kind::Triangular: {
      const double a = param_[0], c = param_[1], b = param_[2];
      return std::sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18.0);
    }
    case Kind::Weibull: {
      const double g1 = std::tgamma(1.0 + loc_), g2 = std::tgamma(1.0 + 2.0 * loc_);
      return param_[1] * std::sqrt(std::max(g2 - g1 * g1, 0.0));
    }
    case Kind::Discrete: {
      const auto& t = *table_;
      const double m = mean();
      double total = 0.0, sum = 0.0;
      for (std::size_t i = 0; i < t.x.size(); ++i) {
        total += t.weight[i];
        sum += t.weight[i] * (t.x[i] - m) * (t.x[i] - m);
      }
      return std::sqrt(sum / total);
    }
    case Kind::Empirical: {
      // Segment i uniform on [x_i, x_i+1]: E[(X−m)²] = (d0² + d0 d1 + d1²)/3, d = x − m.
      const auto& t = *table_;
      const double m = mean();
      double sum = 0.0;
      for (std::size_t i = 0; i + 1 < t.x.size(); ++i) {
        const double d0 = t.x[i] - m, d1 = t.x[i + 1] - m;
        sum += (t.cum[i + 1] - t.cum[i]) * (d0 * d0 + d0 * d1 + d1 * d1) / 3.0;
      }
      return std::sqrt(sum);
    }
  }
  return kNaN;
}

double Distribution::cdf(double x) const {
  if (std::isnan(x)) return kNaN;
  switch (kind_) {
    case Kind::Fixed:
      return x < param_[0] ? 0.0 : 1.0;
    case Kind::Uniform:
      return std::clamp((x - param_[0]) / (param_[1] - param_[0]), 0.0, 1.0);
    case Kind::Exponential:
      return x <= 0.0 ? 0.0 : -std::expm1(-x / param_[0]);
    case Kind::Normal:
    case Kind::Lognormal: {
      if (x < lower_) return 0.0;
      if (x >= upper_) return 1.0;
      const double z = kind_ == Kind::Normal ? (x - loc_) / scale_ : (std::log(x) - loc_) / scale_;
      return std::clamp(normal_mass(standard_alpha(), z) / window_width_, 0.0, 1.0);
    }
    case Kind::Triangular: {
      const double a = param_[0], c = param_[1], b = param_[2];
      if (x <= a) return 0.0;
      if (x >= b) return 1.0;
      if (x <= c) return (x - a) * (x - a) / ((b - a) * (c - a));
      return 1.0 - (b - x) * (b - x) / ((b - a) * (b - c));
    }
    case Kind::Gamma:
      return regularized_gamma_p(loc_, x / scale_);
    case Kind::Weibull:
      return x <= 0.0 ? 0.0 : -std::expm1(-std::pow(x / param_[1], param_[0]));
    case Kind::Discrete: {
      const auto& t = *table_;
      const auto it = std::upper_bound(t.x.begin(), t.x.end(), x);  // first value > x
      if (it == t.x.begin()) return 0.0;
      return t.cum[static_cast<std::size_t>(it - t.x.begin()) - 1];
    }
    case Kind::Empirical: {
      const auto& t = *table_;
      const auto it = std::upper_bound(t.x.begin(), t.x.end(), x);  // first point > x
      if (it == t.x.begin()) return 0.0;
      if (it == t.x.end()) return 1.0;
      const std::size_t j = static_cast<std::size_t>(it - t.x.begin());  // x_{j-1} <= x < x_j
      const double w = (x - t.x[j - 1]) / (t.x[j] - t.x[j - 1]);
      return t.cum[j - 1] + w * (t.cum[j] - t.cum[j - 1]);
    }
  }
  return kNaN;
}

double Distribution::support_min() const noexcept { return lower_; }
double Distribution::support_max() const noexcept { return upper_; }

// ---------------------------------------------------------------------------------------------
// Text

std::string_view to_string(Distribution::Kind kind) noexcept {
  switch (kind) {
    case Distribution::Kind::Fixed: return "fixed";
    case Distribution::Kind::Uniform: return "uniform";
    case Distribution::Kind::Exponential: return "exponential";
    case Distribution::Kind::Normal: return "normal";
    case Distribution::Kind::Lognormal: return "lognormal";
    case Distribution::Kind::Triangular: return "triangular";
    case Distribution::Kind::Gamma: return "gamma";
    case Distribution::Kind::Weibull: return "weibull";
    case Distribution::Kind::Discrete: return "discrete";
    case Distribution::Kind::Empirical: return "empirical";
  }
  return "unknown";
}

std::string Distribution::describe() const {
  const std::string_view name = to_string(kind_);
  const auto truncation = [&](bool truncated) {
    return truncated ? cat(", truncated to [", num(lower_), ", ", num(upper_), "]") : std::string();
  };
  switch (kind_) {
    case Kind::Fixed:
      return cat(name, "(", num(param_[0]), ")");
    case Kind::Uniform:
      return cat(name, "(min ", num(param_[0]), ", max ", num(param_[1]), ")");
    case Kind::Exponential:
      return cat(name, "(mean ", num(param_[0]), ")");
    case Kind::Normal:
      return cat(name, "(mean ", num(param_[0]), ", sd ", num(param_[1]),
                 truncation(!std::isinf(lower_) || !std::isinf(upper_)), ")");
    case Kind::Lognormal:
      return cat(name, "(mean ", num(param_[0]), ", sd ", num(param_[1]),
                 truncation(lower_ > 0.0 || !std::isinf(upper_)), ")");
    case Kind::Triangular:
      return cat(name, "(min ", num(param_[0]), ", mode ", num(param_[1]), ", max ",
                 num(param_[2]), ")");
    case Kind::Gamma:
      return cat(name, "(mean ", num(param_[0]), ", sd ", num(param_[1]), ")");
    case Kind::Weibull:
      return cat(name, "(shape ", num(param_[0]), ", lambda ", num(param_[1]), ")");
    case Kind::Discrete:
      return cat(name, "(values ", list(table_->x), ", weights ", list(table_->weight), ")");
    case Kind::Empirical:
      return cat(name, "(points ", list(table_->x), ", cumulative_probabilities ",
                 list(table_->cum), ")");
  }
  return std::string(name);
}

}  // namespace dt
