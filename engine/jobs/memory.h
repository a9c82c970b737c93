#pragma once
// Refusing work that cannot fit: a job keeps every replication's KPI values (and, for the first
// kSeriesReplications, its series) until it writes its files. Asked for more replications than
// this machine can hold (the CLI allows up to 100,000,000), it says so before it starts, instead
// of failing with an allocation error hours later.

#include <cstdint>
#include <string>

namespace dt::jobs {

/// Bytes this process may allocate: physical memory, lowered by RLIMIT_AS and RLIMIT_DATA.
[[nodiscard]] uint64_t memory_available();

/// Why `bytes` — what `what` needs to keep — do not fit in three quarters of memory_available(),
/// or "" when they do.
/// `advice` says what to do instead.
[[nodiscard]] std::string memory_shortfall(const std::string& what, uint64_t bytes, const std::string& advice);

/// Throws InputError (at `source_file`) when `bytes` — what `what` needs to keep — exceed
/// three quarters of memory_available().
void check_memory(const std::string& source_file, const std::string& what, uint64_t bytes);

/// What a job that keeps `replications` rows of `kpis` values, `tables` times (variants or
/// points), needs besides the models: 8 bytes per value and a fixed overhead per replication.
[[nodiscard]] uint64_t kept_values_bytes(uint64_t replications, std::size_t kpis, std::size_t tables);

}  // namespace dt::jobs
