#pragma once
// The factories of the dispatch policies, one per file of this folder; registry.cpp maps a
// DispatchStrategy to its factory.

#include <memory>

#include "engine/dispatch/policies/policy.h"

namespace dt {

[[nodiscard]] std::unique_ptr<DispatchPolicy> make_fifo_policy(const DispatchConfig& config);
[[nodiscard]] std::unique_ptr<DispatchPolicy> make_manual_policy(const DispatchConfig& config);
[[nodiscard]] std::unique_ptr<DispatchPolicy> make_nearest_policy(const DispatchConfig& config);
[[nodiscard]] std::unique_ptr<DispatchPolicy> make_priority_policy(const DispatchConfig& config);
[[nodiscard]] std::unique_ptr<DispatchPolicy> make_optimal_policy(const DispatchConfig& config);
[[nodiscard]] std::unique_ptr<DispatchPolicy> make_zone_butler_policy(const DispatchConfig& config);

}  // namespace dt
