#pragma once
// Analytic results for the M/M/c queue (Erlang C), used to verify the service desk and to give
// planners a quick sanity figure. Source: Kleinrock, Queueing Systems vol. 1 (1975), §3.5;
// Gross & Harris, Fundamentals of Queueing Theory, §2.3.

#include <cstdint>

namespace dt {

struct ErlangCResult {
  double offered_load;      ///< a = λ/μ [Erlang]
  double utilization;       ///< ρ = a/c [-]
  double wait_probability;  ///< P(W > 0), the Erlang C formula [-]
  double mean_wait;         ///< E[W_q] = P_W / (cμ − λ) [same time unit as 1/λ]
};

/// M/M/c with arrival rate λ, service rate μ per server and c servers; requires λ < cμ.
/// Computed with the Erlang B recursion B_k = a·B_{k−1}/(k + a·B_{k−1}), stable for large c,
/// then C = c·B_c / (c − a·(1 − B_c)).
[[nodiscard]] ErlangCResult erlang_c(double arrival_rate, double service_rate, uint32_t servers);

/// P(W_q > t) = P_W · exp(−(cμ − λ)·t).
[[nodiscard]] double erlang_c_wait_exceeds(double arrival_rate, double service_rate, uint32_t servers, double t);

}  // namespace dt
