// `nearest`: the nearest idle qualified staff member by travel time; work waits in report order.
#include "engine/dispatch/policies/strategies.h"

namespace dt {

std::unique_ptr<DispatchPolicy> make_nearest_policy(const DispatchConfig&) {
  return std::make_unique<DispatchPolicy>();  // the interface's defaults are this strategy
}

}  // namespace dt
