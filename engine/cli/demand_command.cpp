// `drilltwin fit-demand`, `drilltwin forecast` and `drilltwin synth-history`: demand learnt from a
// work-order history, its forecast, and a synthetic history drawn from a scenario's own demand
// (docs/demand.md).
#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "engine/cli/commands.h"
#include "engine/cli/flags.h"
#include "engine/dispatch/work_order_history.h"
#include "engine/jobs/demand_job.h"
#include "engine/kernel/lang.h"
#include "engine/output/staged_dir.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/sim/site.h"

namespace dt::cli {

namespace {
DT_PHRASE(kFitDone, "Results: {}/summary.json, report.html, rates_by_hour.csv, place_shares.csv, fitted_scenario.yaml",
          "结果：{}/summary.json、report.html、rates_by_hour.csv、place_shares.csv、fitted_scenario.yaml");
DT_PHRASE(kForecastDone, "Results: {}/summary.json, report.html, forecast.csv",
          "结果：{}/summary.json、report.html、forecast.csv");
DT_PHRASE(kSynthDone, "{}: {} days from {}, seed {}: a synthetic history (labelled so in its first lines)",
          "{}：共 {} 天，自 {} 起，种子 {}：合成的工单历史（文件开头已注明）");
DT_PHRASE(kBadStart, "drilltwin: error: --start '{}' is not a date: write YYYY-MM-DD",
          "drilltwin: 错误: --start '{}' 不是日期：请写成 YYYY-MM-DD");
DT_PHRASE(kBadWeekdays,
          "drilltwin: error: --weekday-factors needs 7 numbers >= 0 (Monday … Sunday) with a positive sum, found '{}'",
          "drilltwin: 错误: --weekday-factors 需要 7 个不小于 0 的数（周一 … 周日），且总和为正，实际为 '{}'");
DT_PHRASE(kBadWeekday,
          "drilltwin: error: --weekday '{}': write mon, tue, wed, thu, fri, sat or sun (or 1 to 7, Monday = 1)",
          "drilltwin: 错误: --weekday '{}'：请写 mon、tue、wed、thu、fri、sat 或 sun（或 1 到 7，周一 = 1）");
DT_PHRASE(kInterruptedDemand, "drilltwin: interrupted; nothing was written.", "drilltwin: 已中断；未写入任何文件。");

struct DemandArgs {
  std::string file;
  std::string history;
  std::vector<std::string> sets;
  bool allow_include_outside = false;
  std::string out;
  bool quiet = false;
};

void add_demand_args(CLI::App* cmd, DemandArgs& a) {
  cmd->add_option("FILE", a.file, "Scenario file (YAML) with incident types on a layout")->required();
  cmd->add_option("--history", a.history, "Work-order history (CSV, docs/formats.md)")
      ->required()
      ->check(non_empty_path("a file"));
  cmd->add_option("--set", a.sets, "Override one scenario value, KEY.PATH=VALUE (YAML value); may be repeated")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  add_include_flag(cmd, a.allow_include_outside);
  cmd->add_flag("--quiet,-q", a.quiet, "Print nothing but errors");
}

PreparedScenario prepare(const DemandArgs& a) {
  return prepare_scenario(a.file, a.sets, IncludeRules::outside_allowed(a.allow_include_outside));
}

void print_lines(const std::vector<std::string>& lines) {
  for (const std::string& l : lines) fmt::print("{}\n", l);
}

}  // namespace

Action add_fit_demand_command(CLI::App& app) {
  auto a = std::make_shared<DemandArgs>();
  CLI::App* cmd = app.add_subcommand("fit-demand", "Fit the scenario's incident demand to a work-order history");
  add_demand_args(cmd, *a);
  cmd->add_option("--out,-o", a->out, "Output directory (default results/<scenario name>-demand)")
      ->check(non_empty_path("a directory"));
  auto weekday = std::make_shared<std::string>();
  cmd->add_option("--weekday", *weekday,
                  "Write that weekday's rates into fitted_scenario.yaml (mon ... sun) instead of the average day's");
  cmd->footer(
      "Fits arrival rates by hour of day x weekday x type x place (log-linear Poisson model, exact intervals per\n"
      "hour), tests for overdispersion, fits service times by type (exponential, lognormal, gamma, Weibull; AIC,\n"
      "KS) and writes summary.json, report.html, rates_by_hour.csv, place_shares.csv and fitted_scenario.yaml\n"
      "(the scenario with each type's fitted rates and service time) atomically. A malformed history is\n"
      "reported as FILE:LINE:COL and nothing is written (exit 2). docs/demand.md");
  return [a, weekday]() -> int {
    std::optional<int> day;
    if (!weekday->empty()) {
      static const std::array<std::string, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
      std::string w;
      for (const char c : *weekday) w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      for (std::size_t k = 0; k < 7; ++k)
        if (w == kDays[k] || (w.size() > 3 && w.rfind(kDays[k], 0) == 0) || w == std::to_string(k + 1))
          day = static_cast<int>(k);
      if (!day) {
        fmt::print(stderr, "{}\n", say(kBadWeekday, *weekday));
        return kExitInput;
      }
    }
    const IncludeRules includes = IncludeRules::outside_allowed(a->allow_include_outside);
    YamlLoadOptions load;
    load.includes = includes;
    YamlNode doc = load_yaml_file(a->file, load);
    for (const std::string& s : a->sets) apply_scenario_override(doc, s, includes);
    const PreparedScenario prepared = prepare(*a);
    jobs::DemandJobOptions options;
    options.history_path = a->history;
    options.weekday = day;
    options.out_dir = !a->out.empty() ? a->out : jobs::default_demand_dir(prepared.config, "fit-demand");
    const jobs::FitDemandResult r = jobs::fit_demand_job(prepared, doc, options);
    if (r.status == jobs::JobStatus::Interrupted) {
      fmt::print(stderr, "{}\n", say(kInterruptedDemand));
      return kExitRuntime;
    }
    if (!a->quiet) {
      print_lines(r.headline);
      fmt::print("\n{}\n", say(kFitDone, options.out_dir.string()));
    }
    return kExitOk;
  };
}

Action add_forecast_command(CLI::App& app) {
  struct Args : DemandArgs {
    uint32_t holdout = 7;
    uint32_t horizon = 7;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd =
      app.add_subcommand("forecast", "Forecast next week's demand by place and hour from a work-order history");
  add_demand_args(cmd, *a);
  cmd->add_option("--out,-o", a->out, "Output directory (default results/<scenario name>-forecast)")
      ->check(non_empty_path("a directory"));
  cmd->add_option("--holdout-days", a->holdout,
                  "Last days of the history held out and forecast to measure accuracy (default 7)")
      ->transform(whole_number(1, 366));
  cmd->add_option("--days", a->horizon, "Days to forecast after the history (default 7)")
      ->transform(whole_number(1, 366));
  cmd->footer(
      "Fits the demand on the history without its last --holdout-days days, forecasts those days and scores the\n"
      "forecast (1 - WAPE by place x hour of day, coarser levels, coverage of the 95 % intervals), then fits the\n"
      "whole history and forecasts the --days days after it. Writes summary.json, report.html (observed vs\n"
      "forecast heatmaps) and forecast.csv atomically. docs/demand.md");
  return [a]() -> int {
    const PreparedScenario prepared = prepare(*a);
    jobs::DemandJobOptions options;
    options.history_path = a->history;
    options.holdout_days = a->holdout;
    options.horizon_days = a->horizon;
    options.out_dir = !a->out.empty() ? a->out : jobs::default_demand_dir(prepared.config, "forecast");
    const jobs::ForecastResult r = jobs::forecast_job(prepared, options);
    if (r.status == jobs::JobStatus::Interrupted) {
      fmt::print(stderr, "{}\n", say(kInterruptedDemand));
      return kExitRuntime;
    }
    if (!a->quiet) {
      print_lines(r.headline);
      fmt::print("\n{}\n", say(kForecastDone, options.out_dir.string()));
    }
    return kExitOk;
  };
}

Action add_synth_history_command(CLI::App& app) {
  struct Args {
    std::string file;
    std::string out;
    uint32_t days = 28;
    std::string start = "2026-11-02";
    std::optional<uint64_t> seed;
    double overdispersion = 0;
    std::string weekdays = "1.05,1.05,1.05,1.05,1.05,0.9,0.85";
    bool allow_include_outside = false;
    bool quiet = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "synth-history", "Write a SYNTHETIC work-order history drawn from a scenario's own demand (known rates)");
  cmd->add_option("FILE", a->file, "Scenario file (YAML) with incident types on a layout")->required();
  cmd->add_option("--out,-o", a->out, "History file to write (CSV)")->required()->check(non_empty_path("a file"));
  cmd->add_option("--days", a->days, "Days of history (default 28)")->transform(whole_number(1, 3660));
  cmd->add_option("--start", a->start, "First day, YYYY-MM-DD (default 2026-11-02, a Monday)");
  cmd->add_option("--seed", a->seed, "Seed (default the scenario's run.seed)")->transform(whole_number());
  cmd->add_option(
         "--overdispersion", a->overdispersion,
         "Shape k of a Gamma(k, 1/k) factor on each type's rate each day (0 = Poisson; smaller = more overdispersed)")
      ->transform(finite_number(0, 1e9));
  cmd->add_option("--weekday-factors", a->weekdays,
                  "Seven factors Monday ... Sunday on the rates, normalised to average 1 (default 1.05 x5, 0.9, 0.85)");
  add_include_flag(cmd, a->allow_include_outside);
  cmd->add_flag("--quiet,-q", a->quiet, "Print nothing but errors");
  cmd->footer(
      "Draws each type's arrivals with the engine's arrival process (the scenario's hourly rates x the weekday\n"
      "factor x the day's gamma factor), places by the scenario's where: weights, service times from its\n"
      "service_time; response stages from fixed assumptions (docs/demand.md). The file says in its first lines\n"
      "that it is synthetic and how it was made. For tests, demonstrations and checking fit-demand.");
  return [a]() -> int {
    double t0 = 0;
    if (!parse_local_time(a->start, t0) || a->start.size() != 10) {
      fmt::print(stderr, "{}\n", say(kBadStart, a->start));
      return kExitInput;
    }
    std::array<double, 7> w{};
    {
      std::stringstream ss(a->weekdays);
      std::string item;
      std::size_t k = 0;
      bool ok = true;
      double sum = 0;
      while (std::getline(ss, item, ',')) {
        char* end = nullptr;
        const double v = std::strtod(item.c_str(), &end);
        if (k >= 7 || end == item.c_str() || *end != '\0' || !std::isfinite(v) || v < 0) ok = false;
        if (k < 7) w[k] = v;
        sum += v;
        ++k;
      }
      if (!ok || k != 7 || !(sum > 0)) {
        fmt::print(stderr, "{}\n", say(kBadWeekdays, a->weekdays));
        return kExitInput;
      }
      for (double& v : w) v *= 7.0 / sum;
    }
    const PreparedScenario prepared =
        prepare_scenario(a->file, {}, IncludeRules::outside_allowed(a->allow_include_outside));
    SynthesisOptions s;
    s.first_day = static_cast<int64_t>(std::floor(t0 / kDay_s));
    s.days = a->days;
    s.seed = a->seed.value_or(prepared.config.run.seed);
    s.day_gamma_shape = a->overdispersion;
    // The labels are part of the data format, not messages: the same words in any language.
    const std::vector<std::string> comment = {
        "SYNTHETIC work-order history - not real records.",
        fmt::format("Drawn by `drilltwin synth-history {}` from the scenario's own demand (known rates):", a->file),
        fmt::format("{} days from {}, seed {}, weekday factors {:.4g}, day-to-day gamma shape {} ({}).", s.days,
                    format_day(s.first_day), s.seed, fmt::join(w, " "), s.day_gamma_shape,
                    s.day_gamma_shape > 0 ? "overdispersed" : "0 = Poisson"),
        "Format and method: docs/formats.md (Work-order history), docs/demand.md."};
    const std::string csv = jobs::synthetic_history_csv(prepared, s, w, comment);
    write_file_atomically(a->out, csv);
    if (!a->quiet) fmt::print("{}\n", say(kSynthDone, a->out, s.days, format_day(s.first_day), s.seed));
    return kExitOk;
  };
}

}  // namespace dt::cli
