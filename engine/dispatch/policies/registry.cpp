// Which policy each strategy name (kStrategyNames) runs: one line per strategy.
#include <array>

#include "engine/dispatch/policies/strategies.h"
#include "engine/kernel/assert.h"

namespace dt {

namespace {

using Factory = std::unique_ptr<DispatchPolicy> (*)(const DispatchConfig&);

// In the order of DispatchStrategy (dispatch_config.h).
constexpr std::array<Factory, kStrategyNames.size()> kFactories = {
    make_fifo_policy,      // fifo
    make_manual_policy,    // manual
    make_nearest_policy,   // nearest
    make_priority_policy,  // priority
    make_optimal_policy,   // optimal
    make_zone_butler_policy,  // zone_butler
};

}  // namespace

std::unique_ptr<DispatchPolicy> make_dispatch_policy(const DispatchConfig& config) {
  const auto i = static_cast<std::size_t>(config.strategy);
  DT_ASSERT(i < kFactories.size(), "a strategy without a policy");
  return kFactories[i](config);
}

}  // namespace dt
