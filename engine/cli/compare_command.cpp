// `drilltwin compare FILE --vary KEY=V1,V2,...`: every variant runs the same replications of the
// same seed (common random numbers); per KPI each variant's mean with its 95 % CI and the paired
// difference to the first variant with its CI, significant differences marked.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "engine/cli/commands.h"
#include "engine/cli/progress.h"
#include "engine/kernel/input_error.h"
#include "engine/kernel/statistics.h"
#include "engine/output/csv_writer.h"
#include "engine/output/kpi_targets.h"
#include "engine/output/report_html.h"
#include "engine/output/run_results.h"
#include "engine/output/staged_dir.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/scenario/yaml_tree.h"
#include "engine/sim/runner.h"
#include "engine/sim/site.h"

namespace dt::cli {

namespace {

std::atomic<bool> g_compare_interrupted{false};
extern "C" void on_compare_sigint(int) {
  g_compare_interrupted.store(true);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

const std::string kVaryFile = "--vary";
SourcePos vary_pos(std::size_t offset) { return SourcePos{kVaryFile, 1, static_cast<int>(offset) + 1}; }

struct Vary {
  std::string key;
  std::vector<std::pair<std::string, std::size_t>> parts;   // key components, offsets
  std::vector<std::pair<std::string, std::size_t>> values;  // value texts, offsets
};

// KEY=V1,V2,...: values split at commas outside brackets, braces and quotes.
Vary parse_vary(const std::string& text) {
  Vary v;
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw InputError(vary_pos(0), "invalid --vary '" + text + "': expected KEY=V1,V2,..., e.g. --vary dispatch.strategy=manual,nearest");
  v.key = text.substr(0, eq);
  for (std::size_t begin = 0;;) {
    const std::size_t dot = std::min(text.find('.', begin), eq);
    if (dot == begin) throw InputError(vary_pos(begin), "invalid --vary '" + text + "': empty name in the key");
    v.parts.emplace_back(text.substr(begin, dot - begin), begin);
    if (dot == eq) break;
    begin = dot + 1;
  }
  int depth = 0;
  char quote = 0;
  std::size_t start = eq + 1;
  for (std::size_t i = eq + 1; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ',';
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    else if (c == '[' || c == '{') ++depth;
    else if (c == ']' || c == '}') --depth;
    else if (c == ',' && depth == 0) {
      std::size_t b = start, e = i;
      while (b < e && text[b] == ' ') ++b;
      while (e > b && text[e - 1] == ' ') --e;
      if (b == e) throw InputError(vary_pos(std::min(i, text.size())), "invalid --vary '" + text + "': an empty value");
      v.values.emplace_back(text.substr(b, e - b), b);
      start = i + 1;
    }
  }
  if (v.values.size() < 2) throw InputError(vary_pos(eq), "invalid --vary '" + text + "': give at least two values to compare");
  return v;
}

// Puts `value` at the dotted path (creating mappings on the way), positions in --vary.
void set_at_path(YamlNode& root, const Vary& v, YamlNode value) {
  YamlNode* cur = &root;
  for (std::size_t i = 0; i < v.parts.size(); ++i) {
    const auto& [name, offset] = v.parts[i];
    const bool last = i + 1 == v.parts.size();
    if (cur->is_null()) *cur = YamlNode::make_map(vary_pos(offset));
    if (cur->is_map()) {
      if (last) {
        cur->set(name, std::move(value), vary_pos(offset));
        return;
      }
      YamlNode* next = cur->find(name);
      cur = next != nullptr ? next : &cur->set(name, YamlNode::make_map(vary_pos(offset)), vary_pos(offset));
    } else if (cur->is_sequence() && !name.empty() && name.size() < 10 &&
               std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
               std::stoul(name) < cur->items().size()) {
      if (last) {
        cur->items()[std::stoul(name)] = std::move(value);
        return;
      }
      cur = &cur->items()[std::stoul(name)];
    } else {
      throw InputError(vary_pos(offset), "cannot vary '" + v.key + "': '" + name + "' leads into " + cur->kind_name() +
                                             " (given at " + cur->pos().str() + ")");
    }
  }
}

std::string fmt_num(double x) {
  if (std::isnan(x)) return "–";
  const double a = std::fabs(x);
  if (a != 0 && (a >= 1e6 || a < 1e-3)) return fmt::format("{:.3e}", x);
  if (a >= 100) return fmt::format("{:.1f}", x);
  if (a >= 1) return fmt::format("{:.3f}", x);
  return fmt::format("{:.4f}", x);
}

nlohmann::ordered_json num(double x) { return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr); }

KpiTarget to_target(const KpiGoal& g) {
  return {g.kpi, g.at_least ? KpiTarget::Sense::AtLeast : KpiTarget::Sense::AtMost, g.value};
}

}  // namespace

Action add_compare_command(CLI::App& app) {
  struct Args {
    std::string file;
    std::string vary;
    std::vector<std::string> overrides;
    std::optional<uint64_t> replications;
    std::optional<uint64_t> seed;
    std::optional<uint32_t> threads;
    std::string out;
    bool quiet = false, all = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("compare", "Run variants of a scenario on common random numbers and compare them");
  cmd->add_option("FILE", a->file, "Scenario file (YAML)")->required();
  cmd->add_option("--vary", a->vary, "The parameter to vary and its values, KEY=V1,V2,... (YAML values), e.g. "
                                     "--vary dispatch.strategy=manual,nearest,optimal; the first is the baseline")
      ->required()
      ->type_name("KEY=V1,V2,...");
  cmd->add_option("--set", a->overrides, "Override one scenario value for every variant, KEY.PATH=VALUE; may be repeated")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
  cmd->add_option("--replications,-r", a->replications, "Replications per variant (overrides run.replications)")
      ->check(CLI::Range(uint64_t{2}, uint64_t{100'000'000}));
  cmd->add_option("--seed", a->seed, "Scenario seed (overrides run.seed)");
  cmd->add_option("--threads,-j", a->threads, "Worker threads, 0 = one per core (results never depend on it)")
      ->check(CLI::Range(0u, 4096u));
  cmd->add_option("--out,-o", a->out, "Output directory (default: results/<scenario name>-compare)");
  cmd->add_flag("--all", a->all, "Print every KPI (per type, priority, role, store), not only the overall ones");
  cmd->add_flag("--quiet,-q", a->quiet, "Print nothing but errors");
  cmd->footer(
      "Every variant runs replications 0..N-1 of the same seed, so they see the same incidents at the same times\n"
      "(common random numbers) and the paired differences are far tighter than independent runs would give.\n"
      "A difference marked * has a 95 % CI that excludes 0. Writes summary.json, comparison.csv,\n"
      "replications.csv and report.html into the output directory, atomically.");

  return [a]() -> int {
    const Vary vary = parse_vary(a->vary);
    YamlNode base = load_yaml_file(a->file);
    for (const std::string& o : a->overrides) apply_override(base, o);
    std::vector<ScenarioConfig> variants;
    std::vector<std::shared_ptr<const Site>> sites;  // one per variant, built once
    for (const auto& [text, offset] : vary.values) {
      YamlLoadOptions opts;
      opts.require_mapping = false;
      YamlNode value = parse_yaml_string(std::string(offset, ' ') + text, kVaryFile, opts);
      YamlNode doc = base;
      set_at_path(doc, vary, std::move(value));
      ScenarioConfig sc = read_scenario(doc, a->file);
      if (a->replications) sc.run.replications = *a->replications;
      if (a->seed) sc.run.seed = *a->seed;
      if (a->threads) sc.run.threads = *a->threads;
      sites.push_back(std::make_shared<const Site>(build_site(sc)));
      variants.push_back(std::move(sc));
    }
    const ScenarioConfig& first = variants.front();
    if (first.run.replications < 2) {
      std::fputs("drilltwin: error: compare needs at least 2 replications per variant (--replications)\n", stderr);
      return kExitInput;
    }
    const std::string out_dir = !a->out.empty() ? a->out : "results/" + first.name + "-compare";
    const uint32_t threads = effective_threads(first.run.threads);

    g_compare_interrupted.store(false);
    std::signal(SIGINT, on_compare_sigint);
    std::signal(SIGTERM, on_compare_sigint);
    std::atomic<uint64_t> completed{0};
    const auto started = std::chrono::steady_clock::now();
    std::vector<KpiTable> tables;
    std::vector<std::vector<ReplicationSeries>> series(variants.size());
    {
      Progress progress(!a->quiet && ::isatty(STDERR_FILENO) == 1, first.run.replications * variants.size(), completed);
      try {
        for (std::size_t v = 0; v < variants.size(); ++v)
          tables.push_back(run_replications(*sites[v], variants[v], RunControl{&g_compare_interrupted, &completed, &series[v]}));
      } catch (const RunCancelled&) {
        progress.finish();
        std::fputs("drilltwin: interrupted; nothing was written.\n", stderr);
        return kExitRuntime;
      }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    // Statistics per KPI of the baseline, found by name in every variant.
    const KpiTable& t0 = tables.front();
    std::vector<KpiTarget> targets;
    for (const KpiGoal& g : first.targets) targets.push_back(to_target(g));
    nlohmann::ordered_json summary;
    summary["drilltwin_version"] = DRILLTWIN_VERSION;
    summary["scenario"] = first.name;
    summary["seed"] = first.run.seed;
    summary["replications"] = first.run.replications;
    summary["threads"] = threads;
    summary["kpis"] = kpi_statistics_json(t0);
    summary["vary"] = vary.key;
    nlohmann::ordered_json jv = nlohmann::ordered_json::array();
    CsvWriter csv;
    for (const char* column : {"variant", "kpi", "n", "mean", "ci95_low", "ci95_high", "diff_mean", "diff_ci95_low",
                               "diff_ci95_high", "significant"})
      csv.text(column);
    csv.end_row();
    std::string table;
    table += fmt::format("{:<44} {:<14} {:>11} {:>25} {:>12} {:>25}\n", "KPI", vary.key.substr(vary.key.rfind('.') + 1),
                         "mean", "95% CI", "Δ vs first", "95% CI of Δ");
    for (std::size_t k = 0; k < t0.kpis().size(); ++k) {
      const std::string& name = t0.kpis()[k].name;
      const std::vector<double> base_col = t0.column(k);
      const bool shown = a->all || std::count(name.begin(), name.end(), '.') == 1;
      for (std::size_t v = 0; v < variants.size(); ++v) {
        const std::size_t kv = tables[v].find(name);
        if (kv == KpiTable::npos) continue;
        const std::vector<double> col = tables[v].column(kv);
        const SampleSummary s = summarize(col);
        const PairedDifference d = v == 0 ? PairedDifference{} : paired_difference(base_col, col);
        const std::string& label = vary.values[v].first;
        csv.text(label).text(name).integer(s.n).number(s.mean).number(s.ci95_low).number(s.ci95_high);
        if (v == 0)
          csv.raw("").raw("").raw("").raw("");
        else
          csv.number(d.mean).number(d.ci95_low).number(d.ci95_high).integer(d.significant ? 1 : 0);
        csv.end_row();
        if (shown) {
          std::string rag;
          for (const KpiTarget& t : targets)
            if (t.kpi == name && rag_status(s.mean, t) != Rag::None) rag = std::string(" ") + to_string(rag_status(s.mean, t));
          table += fmt::format("{:<44} {:<14} {:>11} {:>25} {:>12} {:>25}{}\n", v == 0 ? name : "", label, fmt_num(s.mean),
                               "[" + fmt_num(s.ci95_low) + ", " + fmt_num(s.ci95_high) + "]",
                               v == 0 ? "" : fmt_num(d.mean) + (d.significant ? " *" : "  "),
                               v == 0 ? "" : "[" + fmt_num(d.ci95_low) + ", " + fmt_num(d.ci95_high) + "]", rag);
        }
      }
    }
    for (std::size_t v = 0; v < variants.size(); ++v) {
      nlohmann::ordered_json e;
      e["label"] = vary.values[v].first;
      e["kpis"] = kpi_statistics_json(tables[v]);
      nlohmann::ordered_json diffs = nlohmann::ordered_json::object();
      if (v > 0)
        for (std::size_t k = 0; k < t0.kpis().size(); ++k) {
          const std::size_t kv = tables[v].find(t0.kpis()[k].name);
          if (kv == KpiTable::npos) continue;
          const PairedDifference d = paired_difference(t0.column(k), tables[v].column(kv));
          diffs[t0.kpis()[k].name] = {{"n", d.n}, {"mean", num(d.mean)}, {"ci95_low", num(d.ci95_low)},
                                      {"ci95_high", num(d.ci95_high)}, {"significant", d.significant}};
        }
      e["difference_to_first"] = diffs;
      nlohmann::ordered_json st = nlohmann::ordered_json::object();
      for (const KpiTarget& t : targets) {
        const std::size_t kv = tables[v].find(t.kpi);
        if (kv == KpiTable::npos) continue;
        const double m = summarize(tables[v].column(kv)).mean;
        st[t.kpi] = {{t.sense == KpiTarget::Sense::AtLeast ? "at_least" : "at_most", t.value}, {"mean", num(m)},
                     {"status", to_string(rag_status(m, t))}};
      }
      e["targets"] = st;
      jv.push_back(std::move(e));
    }
    summary["variants"] = std::move(jv);

    ReportInput report;
    report.kind = "compare";
    report.scenario = first.name;
    report.description = first.description;
    report.version = DRILLTWIN_VERSION;
    report.seed = first.run.seed;
    report.replications = first.run.replications;
    report.parameters = {vary.key};
    report.targets = targets;
    CsvWriter reps_csv;
    for (std::size_t v = 0; v < variants.size(); ++v) {
      replications_csv_rows(reps_csv, tables[v], "variant", vary.values[v].first, v == 0);
      report.variants.push_back({vary.values[v].first, {{vary.key, vary.values[v].first}}, tables[v], std::move(series[v])});
    }

    StagedDirectory out(out_dir);
    out.write("summary.json", summary.dump(2) + "\n");
    out.write("comparison.csv", csv.str());
    out.write("replications.csv", reps_csv.str());
    out.write("report.html", report_html(report));
    if (g_compare_interrupted.load()) {
      std::fputs("drilltwin: interrupted; nothing was written.\n", stderr);
      return kExitRuntime;
    }
    out.commit();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (!a->quiet) {
      std::printf("%s: %zu variants of %s × %llu replications, seed %llu (common random numbers), %u thread%s, %.2f s\n\n",
                  first.name.c_str(), variants.size(), vary.key.c_str(),
                  static_cast<unsigned long long>(first.run.replications), static_cast<unsigned long long>(first.run.seed),
                  threads, threads == 1 ? "" : "s", seconds);
      std::fputs(table.c_str(), stdout);
      std::printf("\n* the 95 %% CI of the paired difference excludes 0.%s\nResults: %s/summary.json, comparison.csv, "
                  "replications.csv, report.html\n",
                  a->all ? "" : " --all shows every KPI.", out_dir.c_str());
    }
    return kExitOk;
  };
}

}  // namespace dt::cli
