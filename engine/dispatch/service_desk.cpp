#include "engine/dispatch/service_desk.h"

#include "engine/dispatch/dispatch_model.h"

namespace dt {

DispatchConfig dispatch_config(const ServiceDeskConfig& desk) {
  DispatchConfig c;
  c.skills = {"general"};
  IncidentType t;
  t.name = "request";
  t.arrivals = desk.arrivals;
  t.service_time = desk.service_time;
  c.types.push_back(std::move(t));
  c.staff.resize(desk.staff_count);
  for (uint32_t s = 0; s < desk.staff_count; ++s) {
    c.staff[s].id = "staff." + std::to_string(s + 1);
    c.staff[s].role = "staff";
  }
  c.strategy = DispatchStrategy::Fifo;
  c.clock_start_s = desk.arrivals.clock_start_s;
  c.duration_s = desk.duration_s;
  c.max_incidents = desk.max_incidents;
  c.warmup_s = desk.warmup_s;
  c.detailed_kpis = false;
  return c;
}

ServiceDeskResult run_service_desk(const ServiceDeskConfig& config, uint64_t seed, uint64_t replication) {
  const DispatchResult d = run_dispatch(dispatch_config(config), seed, replication);
  ServiceDeskResult r;
  const DispatchTally& a = d.all;
  r.incidents = a.incidents;
  const double n = static_cast<double>(a.incidents);
  if (a.incidents > 0) {
    r.mean_response_s = a.response_sum_s / n;
    r.waited_fraction = static_cast<double>(a.waited) / n;
    r.within_15min_fraction = static_cast<double>(a.within_15min) / n;
    r.within_30min_fraction = static_cast<double>(a.within_30min) / n;
    r.mean_resolution_s = a.resolution_sum_s / n;
  } else {
    r.mean_response_s = r.waited_fraction = r.within_15min_fraction = r.within_30min_fraction =
        r.mean_resolution_s = std::numeric_limits<double>::quiet_NaN();
  }
  r.staff_utilization = d.staff_utilization;
  r.backlog_at_close = d.backlog_at_close;
  r.events = d.events;
  return r;
}

void report_desk_kpis(const ServiceDeskResult* result, KpiSink& k) {
  const ServiceDeskResult r = result != nullptr ? *result : ServiceDeskResult{};  // declaring: values ignored
  k.add("dispatch.incidents", "-", KpiRange::NonNegative, "incidents counted (arrived after warm-up)",
        static_cast<double>(r.incidents));
  k.add("dispatch.response_time_s", "s", KpiRange::NonNegative,
        "mean time from report until a staff member takes the incident", r.mean_response_s);
  k.add("dispatch.waited_fraction", "-", KpiRange::Fraction, "share of incidents that found all staff busy",
        r.waited_fraction);
  k.add("dispatch.within_15min_fraction", "-", KpiRange::Fraction, "share of incidents taken within 15 min",
        r.within_15min_fraction);
  k.add("dispatch.within_30min_fraction", "-", KpiRange::Fraction, "share of incidents taken within 30 min",
        r.within_30min_fraction);
  k.add("dispatch.resolution_time_s", "s", KpiRange::NonNegative, "mean time from report until the work is done",
        r.mean_resolution_s);
  k.add("dispatch.staff_utilization", "-", KpiRange::Fraction, "busy staff-time over available staff-time",
        r.staff_utilization);
  k.add("dispatch.backlog_at_close", "-", KpiRange::NonNegative, "incidents waiting when arrivals stop",
        r.backlog_at_close);
}

}  // namespace dt
