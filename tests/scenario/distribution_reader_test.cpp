// Distributions as planners write them (engine/scenario/distribution_reader.h): units, every kind,
// and the errors that keep a service time from ever going negative.
#include "engine/scenario/distribution_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace dt {
namespace {

struct Read {
  Distribution d;
  std::string errors;  // every error, one per line
};

Read read(const std::string& value_text, Quantity q = Quantity::Duration) {
  const YamlNode doc = parse_yaml_string("d: " + value_text + "\n", "s.yaml");
  Diagnostics diag;
  MapReader root(doc, diag, "scenario");
  Read r{read_distribution(root.value("d"), q), {}};
  root.finish();
  for (const Diagnostic& e : diag.all())
    if (e.severity == Severity::Error) r.errors += e.str() + "\n";
  return r;
}

TEST(DistributionReader, PlainValueIsFixedAndCarriesItsUnit) {
  const Read r = read("20 min");  // 20 × 60 = 1200 s
  EXPECT_EQ(r.errors, "");
  EXPECT_EQ(r.d.kind(), Distribution::Kind::Fixed);
  EXPECT_DOUBLE_EQ(r.d.mean(), 1200.0);
  EXPECT_DOUBLE_EQ(read("2.5", Quantity::Number).d.mean(), 2.5);
}

// Means by hand: exponential 20 min = 1200 s; triangular (600 + 1200 + 3600)/3 = 1800 s;
// discrete (3·300 + 1·1800)/4 = 675 s; uniform (1 + 3)/2 = 2.
TEST(DistributionReader, EveryDocumentedFormReadsWithUnits) {
  const Read e = read("{dist: exponential, mean: 20 min}");
  EXPECT_EQ(e.errors, "");
  EXPECT_EQ(e.d.kind(), Distribution::Kind::Exponential);
  EXPECT_DOUBLE_EQ(e.d.mean(), 1200.0);
  const Read t = read("{dist: triangular, min: 10 min, mode: 20 min, max: 1 h}");
  EXPECT_EQ(t.errors, "");
  EXPECT_EQ(t.d.kind(), Distribution::Kind::Triangular);
  EXPECT_DOUBLE_EQ(t.d.mean(), 1800.0);
  EXPECT_DOUBLE_EQ(t.d.support_max(), 3600.0);
  const Read k = read("{dist: discrete, values: [5 min, 30 min], weights: [3, 1]}");
  EXPECT_EQ(k.errors, "");
  EXPECT_DOUBLE_EQ(k.d.mean(), 675.0);
  const Read u = read("{dist: uniform, min: 1, max: 3}", Quantity::Number);
  EXPECT_EQ(u.errors, "");
  EXPECT_DOUBLE_EQ(u.d.mean(), 2.0);
  const Read l = read("{dist: lognormal, mean: 45 min, sd: 30 min, max: 4 h}");
  EXPECT_EQ(l.errors, "");
  EXPECT_EQ(l.d.kind(), Distribution::Kind::Lognormal);
  EXPECT_DOUBLE_EQ(l.d.support_max(), 4 * 3600.0);
  EXPECT_EQ(l.d.support_min(), 0.0);  // lognormal durations are bounded below by 0 by default
}

TEST(DistributionReader, NamesFollowTheReference) {
  EXPECT_EQ(distribution_names(),
            (std::vector<std::string>{"fixed", "uniform", "exponential", "normal", "lognormal", "triangular", "gamma",
                                      "weibull", "discrete", "empirical"}));
}

TEST(DistributionReader, DurationsThatCanBeNegativeAreRefused) {
  const Read n = read("{dist: normal, mean: 5 min, sd: 2 min}");  // unbounded below
  EXPECT_NE(n.errors.find("can give negative durations"), std::string::npos) << n.errors;
  EXPECT_NE(n.errors.find("s.yaml:1:"), std::string::npos) << n.errors;
  EXPECT_EQ(n.d.kind(), Distribution::Kind::Fixed);  // fixed(0) after an error
  EXPECT_EQ(read("{dist: normal, mean: 5 min, sd: 2 min, min: 0 s}").errors, "");
  EXPECT_EQ(read("{dist: normal, mean: 5, sd: 2}", Quantity::Number).errors, "");  // plain numbers may be negative
  EXPECT_NE(read("-5 s").errors, "");
}

TEST(DistributionReader, BadParametersAreReportedWithTheKey) {
  const Read inverted = read("{dist: uniform, min: 3 min, max: 1 min}");
  EXPECT_NE(inverted.errors.find("invalid uniform distribution for 'd'"), std::string::npos) << inverted.errors;
  const Read missing = read("{dist: exponential}");
  EXPECT_NE(missing.errors.find("mean"), std::string::npos) << missing.errors;
  const Read unknown = read("{dist: exponentail, mean: 3 min}");
  EXPECT_NE(unknown.errors.find("exponential"), std::string::npos) << unknown.errors;  // did you mean
  EXPECT_EQ(std::count(unknown.errors.begin(), unknown.errors.end(), '\n'), 1) << unknown.errors;  // "mean" not also flagged
  const Read list = read("[1, 2]");
  EXPECT_NE(list.errors.find("expected a distribution for 'd'"), std::string::npos) << list.errors;
  const Read weights = read("{dist: discrete, values: [1 s, 2 s], weights: [1]}");
  EXPECT_NE(weights.errors, "");
}

}  // namespace
// `scale: s` reads as the variable s·X. By hand: lognormal mean 8 min = 480 s, sd 5 min = 300 s,
// max 1 h, scaled by ½ → mean and sd of ½·X are half those of X (240 s and 150 s before truncation),
// truncated at 1800 s; uniform [1 min, 3 min] × 2 → [120 s, 360 s], mean 240 s, sd 240/√12 s;
// weibull λ = 100 s ×3 → λ = 300 s.
TEST(DistributionReader, ScaleMultipliesTheWholeDistribution) {
  const Read night = read("{dist: lognormal, mean: 8 min, sd: 5 min, max: 1 h, scale: 0.5}");
  EXPECT_EQ(night.errors, "");
  const Distribution base = Distribution::lognormal(480.0, 300.0, 0.0, 3600.0);
  EXPECT_NEAR(night.d.mean(), 0.5 * base.mean(), 1e-9);
  EXPECT_NEAR(night.d.stddev(), 0.5 * base.stddev(), 1e-9);
  EXPECT_EQ(night.d.support_max(), 1800.0);
  const Read u = read("{dist: uniform, min: 1 min, max: 3 min, scale: 2}");
  EXPECT_EQ(u.errors, "");
  EXPECT_DOUBLE_EQ(u.d.mean(), 240.0);
  EXPECT_NEAR(u.d.stddev(), 240.0 / std::sqrt(12.0), 1e-9);
  const Read f = read("{dist: fixed, value: 20 min, scale: 0.25}");
  EXPECT_EQ(f.errors, "");
  EXPECT_DOUBLE_EQ(f.d.mean(), 300.0);
  const Read w = read("{dist: weibull, shape: 2, lambda: 100 s, scale: 3}");
  EXPECT_EQ(w.errors, "");
  EXPECT_NEAR(w.d.mean(), 300.0 * std::tgamma(1.5), 1e-9);
}

TEST(DistributionReader, AScaleThatIsNotAPositiveNumberIsAnErrorAtItsPosition) {
  EXPECT_EQ(read("{dist: exponential, mean: 20 min, scale: 0}").errors,
            "s.yaml:1:45: error: scale of 'd' must be a number > 0 (got 0): it multiplies the whole distribution\n");
  EXPECT_EQ(read("{dist: exponential, mean: 20 min, scale: -2}").errors,
            "s.yaml:1:45: error: scale of 'd' must be a number > 0 (got -2): it multiplies the whole distribution\n");
  const Read text = read("{dist: exponential, mean: 20 min, scale: half}");
  EXPECT_NE(text.errors.find("s.yaml:1:45: error:"), std::string::npos) << text.errors;
  EXPECT_NE(read("{dist: exponential, mean: 20 min, scale: .nan}").errors.find("s.yaml:1:45: error:"), std::string::npos);
}

TEST(DistributionReader, WeibullScaleParameterIsLambda) {
  const Read old = read("{dist: weibull, shape: 2, scale: 100 s}");
  EXPECT_NE(old.errors.find("s.yaml:1:37: error: the Weibull scale parameter of 'd' is written 'lambda'"), std::string::npos)
      << old.errors;
  EXPECT_EQ(std::count(old.errors.begin(), old.errors.end(), '\n'), 1) << old.errors;
}

}  // namespace dt
