#include "engine/jobs/compare_job.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "engine/jobs/memory.h"
#include "engine/jobs/outputs.h"
#include "engine/kernel/input_error.h"
#include "engine/output/comparison.h"
#include "engine/output/run_results.h"
#include "engine/output/staged_dir.h"
#include "engine/output/summary.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/scenario/sweep_loader.h"
#include "engine/scenario/yaml_tree.h"
#include "engine/sim/replication.h"
#include "engine/sim/runner.h"
#include "engine/sim/site.h"
#include "engine/kernel/lang.h"

namespace dt::jobs {

namespace {
DT_PHRASE(kVarySyntax, "invalid --vary '{}': expected KEY=V1,V2,..., e.g. --vary dispatch.strategy=manual,nearest",
          "无效的 --vary '{}'：应为 KEY=V1,V2,...，例如 --vary dispatch.strategy=manual,nearest");
DT_PHRASE(kVaryEmptyName, "invalid --vary '{}': empty name in the key", "无效的 --vary '{}'：键中有空的名称");
DT_PHRASE(kVaryEmptyValue, "invalid --vary '{}': an empty value", "无效的 --vary '{}'：有空值");
DT_PHRASE(kVaryTwoValues, "invalid --vary '{}': give at least two values to compare", "无效的 --vary '{}'：请至少给出两个值进行比较");
DT_PHRASE(kCannotVary, "cannot vary '{}': '{}' leads into {} (given at {})", "无法改变 '{}'：'{}' 指向{}（在 {} 给出）");
DT_PHRASE(kCompareTwoReplications, "compare needs at least 2 replications per variant (--replications)",
          "compare 每个方案至少需要 2 次重复（--replications）");
DT_PHRASE(kVariantsTimesReplications, "{} variants × {} replications", "{} 个方案 × {} 次重复");
}  // namespace

namespace {

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
    throw InputError(vary_pos(0), say(kVarySyntax, text));
  v.key = text.substr(0, eq);
  for (std::size_t begin = 0;;) {
    const std::size_t dot = std::min(text.find('.', begin), eq);
    if (dot == begin) throw InputError(vary_pos(begin), say(kVaryEmptyName, text));
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
      if (b == e) throw InputError(vary_pos(std::min(i, text.size())), say(kVaryEmptyValue, text));
      v.values.emplace_back(text.substr(b, e - b), b);
      start = i + 1;
    }
  }
  if (v.values.size() < 2) throw InputError(vary_pos(eq), say(kVaryTwoValues, text));
  return v;
}

// Puts `value` at the dotted path (creating mappings on the way), positions in --vary.
void set_at_path(YamlNode& root, const Vary& v, YamlNode value) {
  YamlNode* cur = &root;
  for (std::size_t i = 0; i < v.parts.size(); ++i) {
    const auto& [name, offset] = v.parts[i];
    const bool last = i + 1 == v.parts.size();
    if (cur->is_null()) *cur = YamlNode::make_map(vary_pos(offset));
    if (last) open_plain_value_for_scale(*cur, name, vary_pos(offset));
    if (cur->is_map()) {
      if (last) {
        cur->set(name, std::move(value), vary_pos(offset));
        return;
      }
      YamlNode* next = cur->find(name);
      cur = next != nullptr ? next : &cur->set(name, YamlNode::make_map(vary_pos(offset)), vary_pos(offset));
    } else if (cur->is_sequence() && find_list_item(*cur, name)) {
      const std::size_t index = *find_list_item(*cur, name);
      if (last) {
        cur->items()[index] = std::move(value);
        return;
      }
      cur = &cur->items()[index];
    } else if (cur->is_sequence() && !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      std::string walked;
      for (std::size_t j = 0; j < i; ++j) walked += (j == 0 ? "" : ".") + v.parts[j].first;
      throw InputError(vary_pos(offset), no_list_item_message(*cur, walked, name, v.key));
    } else {
      throw InputError(vary_pos(offset), say(kCannotVary, v.key, name, cur->kind_name(), cur->pos().str()));
    }
  }
}

}  // namespace

Comparison load_comparison(const std::string& file, const std::string& vary_text, const std::vector<std::string>& overrides,
                           const IncludeRules& includes) {
  const Vary vary = parse_vary(vary_text);
  YamlLoadOptions file_options;
  file_options.includes =
      includes.root.empty() ? include_rules_for(file, file_options.file_role, includes.allow_outside) : includes;
  YamlNode base = load_yaml_file(file, file_options);
  // The file as written, its sweep: section included, before --set and --vary change it: they
  // cannot hide a mistake in it. With overrides, the sweep is checked again with them, as `run` does.
  check_scenario_document(base, file);
  for (const std::string& o : overrides) apply_scenario_override(base, o, file_options.includes);
  if (!overrides.empty() && has_sweep(base)) check_scenario_document(base, file);
  Comparison c;
  c.vary = vary.key;
  for (const auto& [text, offset] : vary.values) {
    YamlLoadOptions opts;
    opts.require_mapping = false;
    opts.includes = file_options.includes;
    YamlNode value = parse_yaml_string(std::string(offset, ' ') + text, kVaryFile, opts);
    YamlNode doc = base;
    set_at_path(doc, vary, std::move(value));
    c.labels.push_back(text);
    c.variants.push_back(read_scenario(doc, file));
  }
  return c;
}

std::string default_compare_dir(const Comparison& c) { return "results/" + c.variants.front().name + "-compare"; }

CompareResult compare(const Comparison& c, const JobOptions& options) {
  CompareResult result;
  const ScenarioConfig& first = c.variants.front();
  if (first.run.replications < 2) {
    result.status = JobStatus::Refused;
    result.message = say(kCompareTwoReplications);
    return result;
  }
  for (const KpiGoal& g : first.targets) result.targets.push_back(kpi_target(g));
  result.threads = effective_threads(options.threads ? *options.threads : first.run.threads);

  std::atomic<uint64_t> local_done{0};
  std::atomic<uint64_t>& done = options.progress != nullptr ? options.progress->done : local_done;
  if (options.progress != nullptr) options.progress->total.store(first.run.replications * c.variants.size());
  const bool files = !options.out_dir.empty();
  std::vector<std::vector<ReplicationSeries>> series(c.variants.size());
  // Every variant's site before anything runs: a name a variant cannot bind is an input error first.
  std::vector<Site> sites;
  for (const ScenarioConfig& variant : c.variants) sites.push_back(build_site(variant));
  check_memory(first.source_file,
               say(kVariantsTimesReplications, c.variants.size(), first.run.replications),
               kept_values_bytes(first.run.replications, kpi_definitions(sites.front(), first).size(), c.variants.size()));
  const auto started = std::chrono::steady_clock::now();
  try {
    for (std::size_t v = 0; v < c.variants.size(); ++v) {
      ScenarioConfig scenario = c.variants[v];
      if (options.threads) scenario.run.threads = *options.threads;
      result.kpis.push_back(run_replications(sites[v], scenario, RunControl{options.cancel, &done, files ? &series[v] : nullptr}));
    }
  } catch (const RunCancelled&) {
    result.status = JobStatus::Interrupted;
    result.kpis.clear();
    return result;
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!files) return result;

  Summary summary = summary_header(first);
  summary.threads = result.threads;
  summary.kpis = &result.kpis.front();
  summary.targets = result.targets;
  summary.vary = c.vary;
  for (std::size_t v = 0; v < c.variants.size(); ++v) summary.variants.push_back({c.labels[v], &result.kpis[v]});

  ReportInput report = report_header("compare", first);
  report.parameters = {c.vary};
  report.targets = result.targets;
  for (std::size_t v = 0; v < c.variants.size(); ++v)
    report.variants.push_back({c.labels[v], {{c.vary, c.labels[v]}}, result.kpis[v], std::move(series[v])});

  const ComparisonView view{c.vary, c.labels, result.kpis, result.targets};
  StagedDirectory out(options.out_dir, output_run("compare", first));
  out.write("summary.json", summary_json(summary));
  out.write("comparison.csv", comparison_csv(view));
  out.write("replications.csv", labelled_replications_csv("variant", c.labels, result.kpis));
  out.write("report.html", report_html(report));
  if (options.cancel != nullptr && options.cancel->load()) {
    result.status = JobStatus::Interrupted;
    return result;
  }
  out.commit();
  return result;
}

}  // namespace dt::jobs
