#include "engine/sim/sweep_runner.h"

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

#include <bit>
#include <cstring>
#include <exception>
#include <stdexcept>

#include "engine/kernel/task_handoff.h"
#include "engine/sim/replication.h"
#include "engine/sim/runner.h"
#include "engine/kernel/lang.h"

namespace dt {

namespace {
DT_PHRASE(kMalformedResult, "malformed result message", "结果消息格式错误");
}  // namespace

std::vector<SweepItem> pending_items(uint32_t points, uint64_t replications, const std::vector<bool>& done, Shard shard) {
  DT_ASSERT(shard.index >= 1 && shard.index <= shard.count, "shard out of range");
  DT_ASSERT(done.empty() || done.size() == points * replications, "done mask of another size");
  std::vector<SweepItem> items;
  for (uint64_t r = 0; r < replications; ++r)
    for (uint32_t p = 0; p < points; ++p) {
      const uint64_t g = r * points + p;
      if (g % shard.count != shard.index - 1) continue;
      if (!done.empty() && done[g]) continue;
      items.push_back({p, r});
    }
  return items;
}

void ResultQueue::push(ReplicationRecord record) {
  {
    std::lock_guard lock(mutex_);
    items_.push_back(std::move(record));
  }
  ready_.notify_one();
}

bool ResultQueue::wait_take_all(std::vector<ReplicationRecord>& out, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  ready_.wait_for(lock, timeout, [this] { return closed_ || !items_.empty(); });
  for (auto& r : items_) out.push_back(std::move(r));
  items_.clear();
  return !closed_;
}

void ResultQueue::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  ready_.notify_all();
}

void run_sweep_items(std::span<const ScenarioConfig> points, std::span<const SweepItem> items,
                     const SweepRunOptions& options, ResultQueue& queue) {
  std::vector<std::shared_ptr<const Site>> sites;
  try {
    for (const ScenarioConfig& p : points) sites.push_back(std::make_shared<const Site>(build_site(p)));
  } catch (...) {
    queue.close();
    throw;
  }
  run_sweep_items(points, sites, items, options, queue);
}

void run_sweep_items(std::span<const ScenarioConfig> points, std::span<const std::shared_ptr<const Site>> sites,
                     std::span<const SweepItem> items, const SweepRunOptions& options, ResultQueue& queue) {
  DT_ASSERT(sites.size() == points.size(), "one site per sweep point");
  std::vector<std::size_t> kpi_count(points.size());
  for (std::size_t p = 0; p < points.size(); ++p) kpi_count[p] = kpi_definitions(*sites[p], points[p]).size();
  auto one = [&](const SweepItem& item) {
    ReplicationRecord rec;
    rec.point = item.point;
    rec.replication = item.replication;
    rec.kpis.assign(kpi_count[item.point], 0.0);
    run_replication(*sites[item.point], points[item.point], item.replication, rec.kpis, options.record_series && item.replication < kSeriesReplications ? &rec.series : nullptr);
    queue.push(std::move(rec));
  };
  auto cancelled = [&] {
    return (options.cancel && options.cancel->load(std::memory_order_relaxed)) ||
           (options.stop && options.stop->load(std::memory_order_relaxed));
  };
  try {
    const uint32_t threads = effective_threads(options.threads);
    if (threads == 1) {
      for (const SweepItem& item : items) {
        if (cancelled()) break;
        one(item);
      }
    } else {
      tbb::task_arena arena(static_cast<int>(threads));
      TaskHandoff handoff;  // what oneTBB orders, stated for ThreadSanitizer (kernel/task_handoff.h)
      arena.execute([&] {
        tbb::parallel_for(std::size_t{0}, items.size(), handoff.body([&](std::size_t i) {
          if (!cancelled()) one(items[i]);
        }));
      });
      handoff.join();
    }
  } catch (...) {
    queue.close();
    throw;
  }
  queue.close();
}

// ------------------------------------------------------------------------------------------------
// Wire format: u64 count, then per record u32 point, u64 replication, u64 k, k doubles, u64 s,
// per series: u8 kind, three strings (u64 length + bytes), two double arrays (u64 n + n doubles).

namespace {

static_assert(std::endian::native == std::endian::little, "the wire format is little-endian");

template <class T>
void put(std::string& out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out.append(b, sizeof(T));
}
void put_string(std::string& out, const std::string& s) {
  put<uint64_t>(out, s.size());
  out += s;
}
void put_doubles(std::string& out, const std::vector<double>& v) {
  put<uint64_t>(out, v.size());
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
}

class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  template <class T>
  T get() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, b_.data() + at_, sizeof(T));
    at_ += sizeof(T);
    return v;
  }
  std::string get_string() {
    const auto n = get<uint64_t>();
    need(n);
    std::string s(b_.substr(at_, n));
    at_ += n;
    return s;
  }
  std::vector<double> get_doubles() {
    const auto n = get<uint64_t>();
    if (n > (b_.size() - at_) / sizeof(double)) throw std::runtime_error(say(kMalformedResult));
    std::vector<double> v(n);
    if (n > 0) std::memcpy(v.data(), b_.data() + at_, n * sizeof(double));
    at_ += n * sizeof(double);
    return v;
  }
  [[nodiscard]] bool at_end() const { return at_ == b_.size(); }

 private:
  void need(std::size_t n) const {
    if (n > b_.size() - at_) throw std::runtime_error(say(kMalformedResult));
  }
  std::string_view b_;
  std::size_t at_ = 0;
};

}  // namespace

std::string encode_records(std::span<const ReplicationRecord> records) {
  std::string out;
  put<uint64_t>(out, records.size());
  for (const ReplicationRecord& r : records) {
    put<uint32_t>(out, r.point);
    put<uint64_t>(out, r.replication);
    put_doubles(out, r.kpis);
    put<uint64_t>(out, r.series.size());
    for (const Series& s : r.series) {
      put<uint8_t>(out, static_cast<uint8_t>(s.kind));
      put_string(out, s.name);
      put_string(out, s.x_unit);
      put_string(out, s.y_unit);
      put_doubles(out, s.x);
      put_doubles(out, s.y);
    }
  }
  return out;
}

std::vector<ReplicationRecord> decode_records(std::string_view bytes) {
  Reader in(bytes);
  const auto n = in.get<uint64_t>();
  std::vector<ReplicationRecord> out;
  for (uint64_t i = 0; i < n; ++i) {
    ReplicationRecord r;
    r.point = in.get<uint32_t>();
    r.replication = in.get<uint64_t>();
    r.kpis = in.get_doubles();
    const auto series = in.get<uint64_t>();
    for (uint64_t j = 0; j < series; ++j) {
      Series s;
      const auto kind = in.get<uint8_t>();
      if (kind > static_cast<uint8_t>(SeriesKind::Samples)) throw std::runtime_error(say(kMalformedResult));
      s.kind = static_cast<SeriesKind>(kind);
      s.name = in.get_string();
      s.x_unit = in.get_string();
      s.y_unit = in.get_string();
      s.x = in.get_doubles();
      s.y = in.get_doubles();
      r.series.push_back(std::move(s));
    }
    out.push_back(std::move(r));
  }
  if (!in.at_end()) throw std::runtime_error(say(kMalformedResult));
  return out;
}

}  // namespace dt
