#include "engine/scenario/distribution_reader.h"
#include "engine/kernel/lang.h"

#include <cmath>
#include <limits>

#include "engine/kernel/lang.h"

namespace dt {

namespace {
DT_PHRASE(kExpectedDistribution, "expected a distribution for '{}': a value, or a mapping such as {{dist: exponential, mean: 20 min}}; found {}",
          "'{}' 应为分布：一个值，或形如 {{dist: exponential, mean: 20 min}} 的映射；实际为{}");
DT_PHRASE(kInvalidDistribution, "invalid {} distribution for '{}': {}", "无效的 {} 分布（'{}'）：{}");
DT_PHRASE(kNegativeDurations, "the {} distribution for '{}' can give negative durations; bound it below, e.g. with 'min: 0'",
          "{} 分布（'{}'）可能产生负的时长；请设置下限，例如 'min: 0'");
}  // namespace

namespace {

DT_PHRASE(kScaleOutOfRange, "scale of '{}' must be a number > 0 (got {}): it multiplies the whole distribution",
          "'{}' 的缩放系数 scale 必须是大于 0 的数（实为 {}）：它使整个分布按比例缩放");
DT_PHRASE(kWeibullLambda,
          "the Weibull scale parameter of '{}' is written 'lambda' (λ, e.g. {{dist: weibull, shape: 2, lambda: 10 min}}); "
          "'scale' multiplies a whole distribution",
          "'{}' 的威布尔分布尺度参数写作 'lambda'（λ，例如 {{dist: weibull, shape: 2, lambda: 10 min}}）；"
          "'scale' 表示整个分布的缩放系数");

constexpr double kInf = std::numeric_limits<double>::infinity();

struct ParamReader {
  MapReader& map;
  Quantity quantity;

  double required(std::string_view key, const Range& range = Range::any()) const {
    return quantity == Quantity::Duration ? map.duration(key, range) : map.number(key, range);
  }
  double optional(std::string_view key, double fallback) const {
    return quantity == Quantity::Duration ? map.duration(key, fallback) : map.number(key, fallback);
  }
  std::vector<double> list(std::string_view key) const {
    std::vector<double> out;
    for (const ValueReader& v : map.list(key))
      out.push_back(quantity == Quantity::Duration ? v.duration() : v.number());
    return out;
  }
};

}  // namespace

const std::vector<std::string>& distribution_names() {
  static const std::vector<std::string> names{"fixed", "uniform",   "exponential", "normal",   "lognormal",
                                              "triangular", "gamma", "weibull",     "discrete", "empirical"};
  return names;
}

Distribution read_distribution(const ValueReader& value, Quantity quantity) {
  Diagnostics& diag = value.diag();
  const int errors_before = diag.error_count();
  if (value.node().is_scalar()) {
    const double v = quantity == Quantity::Duration ? value.duration(Range::at_least(0)) : value.number();
    return diag.error_count() > errors_before ? Distribution::fixed(0.0) : Distribution::fixed(v);
  }
  if (!value.node().is_map()) {
    value.error(say(kExpectedDistribution, value.path(), value.node().kind_name()));
    return Distribution::fixed(0.0);
  }
  MapReader m = value.map();
  const std::string kind = m.choice("dist", distribution_names());
  if (diag.error_count() > errors_before) {  // unknown kind: its parameters cannot be checked
    for (const auto& [key, unused] : m.node()->entries()) m.ignore(key.scalar());
    return Distribution::fixed(0.0);
  }
  if (kind == "weibull" && m.has("scale") && !m.has("lambda")) {
    m.error("scale", say(kWeibullLambda, value.path()));
    for (const auto& [key, unused] : m.node()->entries()) m.ignore(key.scalar());
    return Distribution::fixed(0.0);
  }
  // `scale: s` makes the variable s·X (mean and sd both times s), for every kind.
  double factor = 1.0;
  if (const std::optional<ValueReader> s = m.optional_value("scale")) {
    if (const std::optional<double> f = s->try_number()) {
      if (Distribution::check_scale(*f).empty()) factor = *f;
      else s->error(say(kScaleOutOfRange, value.path(), s->node().scalar()));
    }
  }
  const ParamReader p{m, quantity};
  std::string problem;
  Distribution d;
  // Parameters are read first (each reports its own type errors), then checked together.
  if (kind == "fixed") {
    const double v = p.required("value");
    if (diag.error_count() == errors_before && (problem = Distribution::check_fixed(v)).empty()) d = Distribution::fixed(v);
  } else if (kind == "uniform") {
    const double lo = p.required("min"), hi = p.required("max");
    if (diag.error_count() == errors_before && (problem = Distribution::check_uniform(lo, hi)).empty())
      d = Distribution::uniform(lo, hi);
  } else if (kind == "exponential") {
    const double mean = p.required("mean");
    if (diag.error_count() == errors_before && (problem = Distribution::check_exponential(mean)).empty())
      d = Distribution::exponential(mean);
  } else if (kind == "normal") {
    const double mean = p.required("mean"), sd = p.required("sd");
    const double lo = p.optional("min", -kInf), hi = p.optional("max", kInf);
    if (diag.error_count() == errors_before && (problem = Distribution::check_normal(mean, sd, lo, hi)).empty())
      d = Distribution::normal(mean, sd, lo, hi);
  } else if (kind == "lognormal") {
    const double mean = p.required("mean"), sd = p.required("sd");
    const double lo = p.optional("min", 0.0), hi = p.optional("max", kInf);
    if (diag.error_count() == errors_before && (problem = Distribution::check_lognormal(mean, sd, lo, hi)).empty())
      d = Distribution::lognormal(mean, sd, lo, hi);
  } else if (kind == "triangular") {
    const double lo = p.required("min"), mode = p.required("mode"), hi = p.required("max");
    if (diag.error_count() == errors_before && (problem = Distribution::check_triangular(lo, mode, hi)).empty())
      d = Distribution::triangular(lo, mode, hi);
  } else if (kind == "gamma") {
    const double mean = p.required("mean"), sd = p.required("sd");
    if (diag.error_count() == errors_before && (problem = Distribution::check_gamma(mean, sd)).empty())
      d = Distribution::gamma(mean, sd);
  } else if (kind == "weibull") {
    const double shape = m.number("shape");
    const double lambda = p.required("lambda");  // λ, Weibull's own scale parameter
    if (diag.error_count() == errors_before && (problem = Distribution::check_weibull(shape, lambda)).empty())
      d = Distribution::weibull(shape, lambda);
  } else if (kind == "discrete") {
    std::vector<double> values = p.list("values");
    std::vector<double> weights = m.number_list("weights", Range::at_least(0));
    if (diag.error_count() == errors_before && (problem = Distribution::check_discrete(values, weights)).empty())
      d = Distribution::discrete(std::move(values), std::move(weights));
  } else if (kind == "empirical") {
    std::vector<double> points = p.list("points");
    std::vector<double> cum = m.number_list("cumulative", Range::between(0, 1));
    if (diag.error_count() == errors_before && (problem = Distribution::check_empirical(points, cum)).empty())
      d = Distribution::empirical(std::move(points), std::move(cum));
  }
  if (diag.error_count() > errors_before) return Distribution::fixed(0.0);
  if (!problem.empty()) {
    diag.error(m.pos(), say(kInvalidDistribution, kind, value.path(), problem));
    return Distribution::fixed(0.0);
  }
  if (diag.error_count() > errors_before) return Distribution::fixed(0.0);  // a bad scale
  if (factor != 1.0) d = d.scaled(factor);
  if (quantity == Quantity::Duration && d.support_min() < 0.0) {
    diag.error(m.pos(), say(kNegativeDurations, kind, value.path()));
    return Distribution::fixed(0.0);
  }
  return d;
}

}  // namespace dt
