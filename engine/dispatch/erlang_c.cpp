#include "engine/dispatch/erlang_c.h"

#include <cmath>

#include "engine/kernel/assert.h"

namespace dt {

ErlangCResult erlang_c(double arrival_rate, double service_rate, uint32_t servers) {
  DT_ASSERT(arrival_rate > 0.0 && service_rate > 0.0 && servers >= 1, "invalid M/M/c parameters");
  const double a = arrival_rate / service_rate;
  const double c = static_cast<double>(servers);
  DT_ASSERT(a < c, "M/M/c is unstable for lambda >= c*mu");
  double b = 1.0;
  for (uint32_t k = 1; k <= servers; ++k) b = a * b / (static_cast<double>(k) + a * b);
  const double pw = c * b / (c - a * (1.0 - b));
  return {a, a / c, pw, pw / (c * service_rate - arrival_rate)};
}

double erlang_c_wait_exceeds(double arrival_rate, double service_rate, uint32_t servers, double t) {
  const ErlangCResult r = erlang_c(arrival_rate, service_rate, servers);
  return r.wait_probability * std::exp(-(static_cast<double>(servers) * service_rate - arrival_rate) * t);
}

}  // namespace dt
