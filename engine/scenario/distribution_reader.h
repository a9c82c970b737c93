#pragma once
// Reads a distribution as a planner writes it:
//
//   service_time: 20 min                                  # a plain value: fixed
//   service_time: {dist: exponential, mean: 20 min}
//   service_time: {dist: lognormal, mean: 45 min, sd: 30 min, max: 4 h}
//   service_time: {dist: triangular, min: 10 min, mode: 20 min, max: 1 h}
//   service_time: {dist: discrete, values: [5 min, 30 min], weights: [3, 1]}
//   service_time: {dist: lognormal, mean: 45 min, sd: 30 min, scale: 0.5}  # the variable ½·X
//
// `scale: s` (any kind, s > 0) multiplies the random variable: mean and sd both by s, truncation
// bounds too (Distribution::scaled). `--set KEY.scale=s` on a distribution written as a plain value
// works too: the override makes it {dist: fixed, value: ..., scale: s} (engine/scenario/yaml_tree.h).
//
// The parameters and their ranges are in docs/scenario-reference.md#distributions.

#include "engine/kernel/distribution.h"
#include "engine/scenario/reader.h"

namespace dt {

enum class Quantity {
  Number,    ///< a plain number
  Duration,  ///< seconds; values may carry units ("20 min"); samples must not be negative
};

/// Reads the distribution in `value`. Reports problems to the reader's diagnostics and then
/// returns fixed(0).
[[nodiscard]] Distribution read_distribution(const ValueReader& value, Quantity quantity);

/// The `dist:` names, in the order the reference lists them.
[[nodiscard]] const std::vector<std::string>& distribution_names();

}  // namespace dt
