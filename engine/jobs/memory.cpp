#include "engine/jobs/memory.h"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <limits>

#include "engine/kernel/input_error.h"
#include "engine/kernel/lang.h"

namespace dt::jobs {

namespace {
DT_PHRASE(kMemoryShortfall, "{} needs about {} to keep its results, but this process may use {} (memory or ulimit): {}",
          "{} 需要约 {} 内存来保存结果，但本进程最多可用 {}（内存或 ulimit 限制）：{}");
DT_PHRASE(kFewerReplications, "run fewer replications (a sweep keeps them in results.sqlite as they finish)",
          "请减少重复次数（参数扫描会在每次重复完成时把结果存入 results.sqlite）");
}  // namespace

namespace {

std::string gigabytes(uint64_t bytes) { return fmt::format("{:.1f} GB", static_cast<double>(bytes) / 1e9); }

}  // namespace

uint64_t memory_available() {
  uint64_t bytes = std::numeric_limits<uint64_t>::max();
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
  if (pages > 0 && page > 0) bytes = static_cast<uint64_t>(pages) * static_cast<uint64_t>(page);
  for (const int resource : {RLIMIT_AS, RLIMIT_DATA}) {
    rlimit limit{};
    if (::getrlimit(resource, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
      bytes = std::min<uint64_t>(bytes, limit.rlim_cur);
  }
  return bytes;
}

uint64_t kept_values_bytes(uint64_t replications, std::size_t kpis, std::size_t tables) {
  // 8 bytes per KPI value, and per replication 64 bytes of bookkeeping (its row of the work
  // list, its share of a vector of series). Saturates instead of wrapping.
  const long double b = static_cast<long double>(replications) * static_cast<long double>(tables) *
                        (8.0L * static_cast<long double>(kpis) + 64.0L);
  return b >= static_cast<long double>(std::numeric_limits<uint64_t>::max()) ? std::numeric_limits<uint64_t>::max()
                                                                              : static_cast<uint64_t>(b);
}

std::string memory_shortfall(const std::string& what, uint64_t bytes, const std::string& advice) {
  const uint64_t available = memory_available();
  if (bytes <= available / 4 * 3) return {};
  return say(kMemoryShortfall, what, gigabytes(bytes), gigabytes(available), advice);
}

void check_memory(const std::string& source_file, const std::string& what, uint64_t bytes) {
  const std::string advice = say(kFewerReplications);
  if (std::string why = memory_shortfall(what, bytes, advice); !why.empty())
    throw InputError(SourcePos{source_file, 0, 0}, why);
}

}  // namespace dt::jobs
