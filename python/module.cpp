// _drilltwin: the engine's jobs and the trace reader for Python (docs/python.md). The package
// python/drilltwin/ wraps it and turns its tables into pandas DataFrames.
//
// Every job runs the same code as the command line (engine/jobs/): the scenario is loaded as
// `drilltwin CMD FILE --set K=V` loads it, the job runs with the GIL released on a thread of its
// own, and the calling thread checks for Ctrl-C every 20 ms: a KeyboardInterrupt raises the job's
// cancel flag, waits for it to stop and is re-raised. Input errors become drilltwin.InputError
// (file, line, column, message of the first diagnostic; the text is the command line's).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <exception>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "engine/jobs/compare_job.h"
#include "engine/jobs/optimize_job.h"
#include "engine/jobs/plan_job.h"
#include "engine/scenario/plan_loader.h"
#include "engine/jobs/run_job.h"
#include "engine/jobs/sweep_job.h"
#include "engine/kernel/input_error.h"
#include "engine/kernel/lang.h"
#include "engine/output/comparison.h"
#include "engine/output/kpi_targets.h"
#include "engine/output/optimize_answer.h"
#include "engine/output/trace.h"
#include "engine/scenario/optimize_loader.h"
#include "engine/scenario/scenario_loader.h"
#include "engine/scenario/sweep_loader.h"
#include "engine/sim/site.h"

namespace py = pybind11;

namespace dt::python {

namespace {

DT_PHRASE(kPyBadLanguage, "unknown language '{}'; the accepted values are en and zh-CN",
          "未知语言 '{}'；可接受的值为 en 和 zh-CN");
DT_PHRASE(kPyTraceNeedsOut, "trace=True needs out=DIR: the trace is written to DIR/trace.bin",
          "trace=True 需要 out=DIR：轨迹写入 DIR/trace.bin");
DT_PHRASE(kPyTraceReplication, "trace_replication {}: the run has replications 0 to {}",
          "trace_replication {}：本次运行只有第 0 到 {} 次重复");
DT_PHRASE(kPyInterruptedAfter, "interrupted after {} of {} replications; nothing was written",
          "在完成 {} / {} 次重复后中断；未写入任何文件");
DT_PHRASE(kPyStoppedKept, "stopped after {:.1f} s; {} of {} replications are kept in {}; continue with resume=True",
          "运行 {:.1f} s 后停止；已有 {} / {} 次重复保存在 {} 中；用 resume=True 继续");
DT_PHRASE(kPyBadEvery, "every must be at least 1, got {}", "every 至少为 1，实际为 {}");
DT_PHRASE(kPyVaryOneKey, "vary: one key and its values, e.g. {{'dispatch.strategy': ['manual', 'nearest']}}; got {} keys",
          "vary：只能有一个键及其取值，例如 {{'dispatch.strategy': ['manual', 'nearest']}}；实际有 {} 个键");
DT_PHRASE(kPyNoResults, "{}: no summary.json, replications.csv or results.sqlite: not a results directory of drilltwin",
          "{}：没有 summary.json、replications.csv 或 results.sqlite：不是 drilltwin 的结果目录");
DT_PHRASE(kPyErrorsNothingRun, "{} errors; nothing was run.", "共 {} 个错误；未运行任何内容。");

/// 299950 → "299,950" (as the command line counts errors).
std::string with_commas(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

PyObject* g_input_error = nullptr;  // drilltwin.InputError (ValueError)
PyObject* g_trace_error = nullptr;  // drilltwin.TraceError (ValueError)
PyObject* g_job_error = nullptr;    // drilltwin.JobError (RuntimeError): refused or failed

[[noreturn]] void raise(PyObject* type, const std::string& message) {
  PyErr_SetString(type, message.c_str());
  throw py::error_already_set();
}

/// Runs `body` on a thread of its own with the GIL released; the caller's thread stays responsive
/// to Ctrl-C: on a signal, `cancel` is raised, the job is awaited, and the signal's exception
/// (KeyboardInterrupt) is raised in Python.
template <class Body>
auto call_job(std::atomic<bool>& cancel, Body body) -> decltype(body()) {
  using Result = decltype(body());
  std::packaged_task<Result()> task(std::move(body));
  std::future<Result> done = task.get_future();
  bool signalled = false;
  {
    py::gil_scoped_release release;
    std::thread worker(std::move(task));
    while (done.wait_for(std::chrono::milliseconds(20)) != std::future_status::ready) {
      if (signalled) continue;
      py::gil_scoped_acquire acquire;
      if (PyErr_CheckSignals() != 0) {
        signalled = true;
        cancel.store(true);
        // The exception stays set in this thread until the job has stopped (raised below).
      }
    }
    worker.join();
  }
  if (signalled) {
    try {
      (void)done.get();  // an error of the stopped job gives way to the interrupt
    } catch (...) {
    }
    throw py::error_already_set();
  }
  return done.get();
}

std::vector<std::string> override_texts(const std::vector<std::string>& overrides) { return overrides; }

py::dict kpi_definition(const KpiDefinition& k) {
  py::dict d;
  d["name"] = k.name;
  d["unit"] = k.unit;
  d["description"] = k.description;
  d["range"] = k.range == KpiRange::Fraction ? "fraction" : k.range == KpiRange::NonNegative ? "non-negative" : "any";
  return d;
}

/// One KPI table as Python: "kpis" (definitions), "values" (replications × KPIs, float64, NaN =
/// undefined) and "summary" (per KPI the statistics summary.json reports).
py::dict table_dict(const KpiTable& table, const std::vector<KpiTarget>& targets) {
  py::dict out;
  py::list kpis;
  for (const KpiDefinition& k : table.kpis()) kpis.append(kpi_definition(k));
  out["kpis"] = kpis;
  const std::size_t rows = table.replications(), cols = table.kpis().size();
  py::array_t<double> values({static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(cols)});
  auto v = values.mutable_unchecked<2>();
  for (std::size_t r = 0; r < rows; ++r) {
    const std::span<const double> row = table.row(r);
    for (std::size_t k = 0; k < cols; ++k) v(static_cast<py::ssize_t>(r), static_cast<py::ssize_t>(k)) = row[k];
  }
  out["values"] = values;
  py::list summary;
  std::vector<SampleSummary> stats;
  for (std::size_t k = 0; k < cols; ++k) {
    const SampleSummary s = table.summary(k);
    stats.push_back(s);
    py::dict d;
    d["n"] = s.n;
    d["mean"] = s.mean;
    d["stddev"] = s.stddev;
    d["ci95_low"] = s.ci95_low;
    d["ci95_high"] = s.ci95_high;
    d["min"] = s.min;
    d["p50"] = s.p50;
    d["p90"] = s.p90;
    d["p95"] = s.p95;
    d["max"] = s.max;
    summary.append(d);
  }
  out["summary"] = summary;
  py::list judged;
  for (const KpiTarget& t : targets) {
    py::dict d;
    d["kpi"] = t.kpi;
    d["sense"] = t.sense == KpiTarget::Sense::AtLeast ? "at_least" : "at_most";
    d["value"] = t.value;
    d["on"] = to_string(t.on);
    d["confident"] = t.confident;
    const std::size_t k = table.find(t.kpi);
    if (k != KpiTable::npos) {
      const TargetCheck check = check_target(stats[k], t);
      d["status"] = to_string(check.rag);
      d["statistic"] = check.value;
    } else {
      d["status"] = "none";
      d["statistic"] = SampleSummary::kNaN;
    }
    judged.append(d);
  }
  out["targets"] = judged;
  return out;
}

py::list string_list(const std::vector<std::string>& v) {
  py::list out;
  for (const std::string& s : v) out.append(s);
  return out;
}

// --- jobs -------------------------------------------------------------------------------------

py::dict run(const std::string& path, std::optional<uint64_t> replications, std::optional<uint64_t> seed,
             std::optional<uint32_t> threads, const std::vector<std::string>& overrides, const std::string& out,
             bool trace, uint64_t trace_replication, double trace_interval_s) {
  std::atomic<bool> cancel{false};
  struct Outcome {
    ScenarioConfig scenario;
    jobs::RunResult result;
  };
  Outcome o = call_job(cancel, [&]() -> Outcome {
    Outcome x;
    x.scenario = load_scenario(path, override_texts(overrides));
    if (replications) x.scenario.run.replications = *replications;
    if (seed) x.scenario.run.seed = *seed;
    if (threads) x.scenario.run.threads = *threads;
    jobs::RunOptions options;
    options.out_dir = out;
    options.cancel = &cancel;
    if (trace) {
      if (out.empty()) throw InputError(SourcePos{"trace", 0, 0}, say(kPyTraceNeedsOut));
      if (trace_replication >= x.scenario.run.replications)
        throw InputError(SourcePos{"trace_replication", 0, 0},
                         say(kPyTraceReplication, trace_replication, x.scenario.run.replications - 1));
      options.trace = TraceOptions{trace_replication, trace_interval_s};
    }
    x.result = jobs::run(x.scenario, options);
    return x;
  });
  const jobs::RunResult& r = o.result;
  if (r.status == jobs::JobStatus::Refused || r.status == jobs::JobStatus::Failed) raise(g_job_error, r.message);
  if (r.status == jobs::JobStatus::Interrupted)
    raise(g_job_error, say(kPyInterruptedAfter, r.completed, o.scenario.run.replications));
  py::dict d = table_dict(r.kpis, r.targets);
  d["scenario"] = o.scenario.name;
  d["description"] = o.scenario.description;
  d["seed"] = o.scenario.run.seed;
  d["replications"] = o.scenario.run.replications;
  d["threads"] = r.threads;
  d["seconds"] = r.seconds;
  d["headline"] = string_list(r.headline);
  d["out"] = out;
  if (r.trace) d["trace"] = out + "/trace.bin";
  return d;
}

py::dict compare(const std::string& path, const std::string& vary, std::optional<uint64_t> replications,
                 std::optional<uint64_t> seed, std::optional<uint32_t> threads, const std::vector<std::string>& overrides,
                 const std::string& out) {
  std::atomic<bool> cancel{false};
  struct Outcome {
    jobs::Comparison comparison;
    jobs::CompareResult result;
  };
  Outcome o = call_job(cancel, [&]() -> Outcome {
    Outcome x;
    x.comparison = jobs::load_comparison(path, vary, override_texts(overrides));
    for (ScenarioConfig& v : x.comparison.variants) {
      if (replications) v.run.replications = *replications;
      if (seed) v.run.seed = *seed;
    }
    jobs::JobOptions options;
    options.threads = threads;
    options.out_dir = out;
    options.cancel = &cancel;
    x.result = jobs::compare(x.comparison, options);
    return x;
  });
  const jobs::CompareResult& r = o.result;
  if (r.status != jobs::JobStatus::Completed) raise(g_job_error, r.message);
  py::dict d;
  d["vary"] = o.comparison.vary;
  d["labels"] = string_list(o.comparison.labels);
  py::list variants;
  for (const KpiTable& t : r.kpis) variants.append(table_dict(t, r.targets));
  d["variants"] = variants;
  const ComparisonView view{o.comparison.vary, o.comparison.labels, r.kpis, r.targets};
  d["comparison_csv"] = comparison_csv(view);
  const ScenarioConfig& base = o.comparison.variants.front();
  d["scenario"] = base.name;
  d["seed"] = base.run.seed;
  d["replications"] = base.run.replications;
  d["threads"] = r.threads;
  d["seconds"] = r.seconds;
  d["out"] = out;
  return d;
}

py::dict sweep(const std::string& path, const std::string& out, std::optional<uint64_t> replications,
               std::optional<uint32_t> threads, const std::vector<std::string>& overrides, bool resume) {
  std::atomic<bool> cancel{false};
  jobs::SweepResult r = call_job(cancel, [&]() -> jobs::SweepResult {
    const SweepPlan plan = load_sweep(path, override_texts(overrides));
    jobs::SweepOptions options;
    options.threads = threads;
    options.out_dir = out;
    options.cancel = &cancel;
    options.resume = resume;
    options.replications = replications;
    return jobs::sweep(plan, options);
  });
  if (r.status == jobs::JobStatus::Refused || (r.status == jobs::JobStatus::Failed && !r.started))
    raise(g_job_error, r.message);
  if (r.status == jobs::JobStatus::Failed || r.status == jobs::JobStatus::Interrupted)
    raise(g_job_error, (r.message.empty() ? "" : r.message + "; ") +
                           say(kPyStoppedKept, r.seconds, r.done, r.total, r.db_path.string()));
  py::dict d;
  d["points"] = r.points;
  d["replications"] = r.replications;
  d["seconds"] = r.seconds;
  d["headline"] = string_list(r.headline);
  d["out"] = out;
  return d;
}

py::dict optimize(const std::string& path, const std::string& out, std::optional<uint32_t> threads,
                  const std::vector<std::string>& overrides, bool resume) {
  std::atomic<bool> cancel{false};
  jobs::OptimizeResult r = call_job(cancel, [&]() -> jobs::OptimizeResult {
    const OptimizePlan plan = load_optimize(path, override_texts(overrides));
    jobs::OptimizeOptions options;
    options.threads = threads;
    options.out_dir = out;
    options.cancel = &cancel;
    options.resume = resume;
    return jobs::optimize(plan, options);
  });
  if (r.status != jobs::JobStatus::Completed)
    raise(g_job_error, r.message.empty() ? say(kPyStoppedKept, r.seconds, r.ran, r.ran, r.db_path.string())
                                         : r.message);
  py::dict d;
  d["answer_json"] = optimize_json(r.answer).dump();
  d["headline"] = string_list(r.headline);
  d["seconds"] = r.seconds;
  d["ran"] = r.ran;
  d["out"] = out;
  return d;
}

py::dict plan(const std::string& path, const std::string& out, std::optional<uint32_t> threads,
              const std::vector<std::string>& overrides) {
  std::atomic<bool> cancel{false};
  jobs::PlanResult r = call_job(cancel, [&]() -> jobs::PlanResult {
    const PlanProblem problem = load_plan(path, override_texts(overrides));
    jobs::PlanOptions options;
    options.threads = threads;
    options.out_dir = out;
    options.cancel = &cancel;
    return jobs::plan(problem, options);
  });
  if (r.status != jobs::JobStatus::Completed) raise(g_job_error, r.message);
  py::dict d;
  d["plan_json"] = plan_json(r.answer).dump();
  d["headline"] = string_list(r.headline);
  d["seconds"] = r.seconds;
  d["out"] = out;
  return d;
}

py::dict validate(const std::string& path, const std::vector<std::string>& overrides) {
  std::atomic<bool> cancel{false};
  const ScenarioConfig sc = call_job(cancel, [&]() -> ScenarioConfig {
    return prepare_scenario(path, override_texts(overrides)).config;
  });
  py::dict d;
  d["scenario"] = sc.name;
  d["description"] = sc.description;
  d["replications"] = sc.run.replications;
  d["seed"] = sc.run.seed;
  return d;
}

// --- the trace reader -------------------------------------------------------------------------

/// Frames 0, every, 2·every, … of a trace as dense arrays — positions (frames × people × 3, float32)
/// and states (frames × people, uint8), each frame copied in one piece from the decoder — with every
/// frame's figures, the events, the people, the scene and the meta data. No Python object per record.
py::dict read_trace(const std::string& path, uint64_t every) {
  if (every < 1) raise(g_trace_error, say(kPyBadEvery, every));
  static_assert(sizeof(trace::Vec3f) == 3 * sizeof(float), "positions are copied as packed float triples");
  static_assert(sizeof(trace::PersonState) == 1, "states are copied as bytes");
  struct Columns {
    std::vector<uint32_t> f_index, f_safe, f_queue, f_node;
    std::vector<double> f_time;
    std::unique_ptr<trace::TraceReader> reader;
  };
  Columns c;
  std::string error;
  {
    py::gil_scoped_release release;
    try {
      c.reader = std::make_unique<trace::TraceReader>(path);
    } catch (const trace::TraceError& e) {
      error = e.what();
    }
  }
  if (!error.empty()) raise(g_trace_error, error);
  trace::TraceReader& reader = *c.reader;
  const std::size_t frames = reader.frame_count(), people = reader.people().size();
  const std::size_t kept = (frames + every - 1) / every;
  const auto skept = static_cast<py::ssize_t>(kept), speople = static_cast<py::ssize_t>(people);
  py::array_t<float> xyz({skept, speople, py::ssize_t{3}});
  py::array_t<uint8_t> states({skept, speople});
  py::array_t<double> time(skept);
  py::array_t<uint32_t> frame(skept);
  float* xyz_out = xyz.mutable_data();
  uint8_t* state_out = states.mutable_data();
  double* time_out = time.mutable_data();
  uint32_t* frame_out = frame.mutable_data();
  {
    py::gil_scoped_release release;
    c.f_index.reserve(frames), c.f_time.reserve(frames), c.f_safe.reserve(frames), c.f_queue.reserve(frames),
        c.f_node.reserve(frames);
    // The frame in decoding: every frame in order, each rewriting only the people who changed.
    std::vector<trace::Vec3f> position(people);
    std::vector<trace::PersonState> state(people);
    trace::Figures figures;
    const double interval_s = reader.meta().frame_interval_s;
    try {
      for (std::size_t k = 0; k < frames; ++k) {
        reader.read_frame(k, position, state, figures, k > 0);
        const uint32_t index = reader.frame_index(k);
        c.f_index.push_back(index);
        c.f_time.push_back(index * interval_s);
        c.f_safe.push_back(figures.safe);
        c.f_queue.push_back(figures.largest_queue);
        c.f_node.push_back(figures.queue_node);
        if (k % every != 0) continue;
        const std::size_t row = k / every;
        time_out[row] = index * interval_s;
        frame_out[row] = index;
        if (people > 0) {
          std::memcpy(xyz_out + row * people * 3, position.data(), people * sizeof(trace::Vec3f));
          std::memcpy(state_out + row * people, state.data(), people);
        }
      }
    } catch (const trace::TraceError& e) {
      error = e.what();
    }
  }
  if (!error.empty()) raise(g_trace_error, error);
  // Each column's vector becomes the memory of its numpy array (no copy: the columns of a night
  // drill are hundreds of MB); the array frees it.
  auto array = [](auto& v) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    auto* owned = new std::vector<T>(std::move(v));
    py::capsule owner(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
    return py::array_t<T>(static_cast<py::ssize_t>(owned->size()), owned->data(), owner);
  };
  py::dict d;
  d["time"] = time;
  d["frame"] = frame;
  d["xyz"] = xyz;
  d["state"] = states;
  py::dict figures;
  figures["index"] = array(c.f_index);
  figures["time"] = array(c.f_time);
  figures["safe"] = array(c.f_safe);
  figures["largest_queue"] = array(c.f_queue);
  figures["queue_node"] = array(c.f_node);
  d["frames"] = figures;

  std::vector<uint8_t> kind, cls;
  for (const trace::PersonInfo& p : reader.people()) {
    kind.push_back(static_cast<uint8_t>(p.kind));
    cls.push_back(static_cast<uint8_t>(p.cls));
  }
  py::dict who;
  who["kind"] = array(kind);
  who["class"] = array(cls);
  d["people"] = who;

  std::vector<double> et;
  std::vector<uint8_t> ek;
  std::vector<uint32_t> es;
  std::vector<float> ex, ey, ez, ev;
  py::list etext;
  for (const trace::Event& e : reader.events()) {
    et.push_back(e.t_s), ek.push_back(static_cast<uint8_t>(e.kind)), es.push_back(e.subject);
    ex.push_back(e.position.x), ey.push_back(e.position.y), ez.push_back(e.position.z), ev.push_back(e.value);
    etext.append(e.text);
  }
  py::dict events;
  events["time"] = array(et);
  events["kind"] = array(ek);
  events["subject"] = array(es);
  events["x"] = array(ex);
  events["y"] = array(ey);
  events["z"] = array(ez);
  events["value"] = array(ev);
  events["text"] = etext;
  d["events"] = events;

  const trace::Meta& m = reader.meta();
  py::dict meta;
  meta["drilltwin_version"] = m.drilltwin_version;
  meta["scenario"] = m.scenario;
  meta["seed"] = m.seed;
  meta["replication"] = m.replication;
  meta["frame_interval_s"] = m.frame_interval_s;
  meta["start_clock_s"] = m.start_clock_s;
  meta["keyframe_every"] = m.keyframe_every;
  meta["people"] = reader.people().size();
  meta["frames"] = reader.frame_count();
  meta["complete"] = reader.complete();
  meta["end_time_s"] = reader.end_time_s();
  d["meta"] = meta;

  // The scene's outlines and nodes, enough to draw a map under a density plot.
  const trace::Scene& s = reader.scene();
  py::dict scene;
  scene["name"] = s.name;
  py::list site;
  for (const trace::Vec2f& p : s.site) site.append(py::make_tuple(p.x, p.y));
  scene["site"] = site;
  py::list buildings;
  for (const trace::Building& b : s.buildings) {
    py::dict bd;
    bd["id"] = b.id;
    py::list outline;
    for (const trace::Vec2f& p : b.outline) outline.append(py::make_tuple(p.x, p.y));
    bd["outline"] = outline;
    bd["floors"] = b.floors();
    buildings.append(bd);
  }
  scene["buildings"] = buildings;
  std::vector<float> nx, ny, nz;
  std::vector<uint8_t> nk;
  for (const trace::Node& n : s.nodes)
    nx.push_back(n.position.x), ny.push_back(n.position.y), nz.push_back(n.position.z),
        nk.push_back(static_cast<uint8_t>(n.kind));
  py::dict nodes;
  nodes["x"] = array(nx);
  nodes["y"] = array(ny);
  nodes["z"] = array(nz);
  nodes["kind"] = array(nk);
  py::list labels;
  for (const trace::Node& n : s.nodes) labels.append(n.label);
  nodes["label"] = labels;
  scene["nodes"] = nodes;
  d["scene"] = scene;
  return d;
}

void set_language(const std::string& code) {
  const std::optional<Lang> l = parse_lang(code);
  if (!l) raise(PyExc_ValueError, say(kPyBadLanguage, code));
  set_lang(*l);
}

/// drilltwin.InputError for `e`: the command line's text (one diagnostic a line, then how many
/// errors when more than one; every diagnostic, where the command line shows the first 50) and the
/// first error's place and message as attributes; every diagnostic in `.diagnostics`.
void raise_input_error(const InputError& e) {
  std::string text;
  const Diagnostic* first = nullptr;
  py::list diagnostics;
  for (const Diagnostic& d : e.diagnostics()) {
    text += (text.empty() ? "" : "\n") + d.str();
    if (first == nullptr && d.severity == Severity::Error) first = &d;
    diagnostics.append(py::make_tuple(d.pos.file, d.pos.line, d.pos.col,
                                      d.severity == Severity::Error     ? "error"
                                      : d.severity == Severity::Warning ? "warning"
                                                                        : "note",
                                      d.message));
  }
  if (first == nullptr && !e.diagnostics().empty()) first = &e.diagnostics().front();
  if (text.empty()) text = e.what();
  std::size_t errors = 0;
  for (const Diagnostic& d : e.diagnostics()) errors += d.severity == Severity::Error ? 1 : 0;
  if (errors > 1) text += "\n" + say(kPyErrorsNothingRun, with_commas(errors));
  py::object error = py::reinterpret_borrow<py::object>(g_input_error)(text);
  error.attr("file") = first ? first->pos.file : std::string();
  error.attr("line") = first ? first->pos.line : 0;
  error.attr("column") = first ? first->pos.col : 0;
  error.attr("message") = first ? first->message : std::string(e.what());
  error.attr("diagnostics") = diagnostics;
  PyErr_SetObject(g_input_error, error.ptr());
}

}  // namespace

}  // namespace dt::python

PYBIND11_MODULE(_drilltwin, m) {
  using namespace dt::python;
  namespace py = pybind11;
  m.doc() = "drilltwin's engine: jobs (run, compare, sweep, optimize, validate) and the trace reader";
  g_input_error = PyErr_NewExceptionWithDoc(
      "drilltwin.InputError",
      "Invalid input (scenario, layout, an override): .file, .line, .column and .message of the first error; "
      ".diagnostics lists every one as (file, line, column, severity, message); str() is the command line's text.",
      PyExc_ValueError, nullptr);
  g_trace_error = PyErr_NewExceptionWithDoc("drilltwin.TraceError", "A file that is not a trace, or a damaged one.",
                                            PyExc_ValueError, nullptr);
  g_job_error = PyErr_NewExceptionWithDoc(
      "drilltwin.JobError", "A job that was refused, failed or stopped (the message says why and what was kept).",
      PyExc_RuntimeError, nullptr);
  m.attr("InputError") = py::handle(g_input_error);
  m.attr("TraceError") = py::handle(g_trace_error);
  m.attr("JobError") = py::handle(g_job_error);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const dt::InputError& e) {
      raise_input_error(e);
    } catch (const dt::trace::TraceError& e) {
      PyErr_SetString(g_trace_error, e.what());
    }
  });
  dt::set_lang(dt::lang_from_environment());
  m.attr("__version__") = DRILLTWIN_VERSION;

  m.def("run", &run, py::arg("path"), py::arg("replications") = py::none(), py::arg("seed") = py::none(),
        py::arg("threads") = py::none(), py::arg("overrides") = std::vector<std::string>{}, py::arg("out") = "",
        py::arg("trace") = false, py::arg("trace_replication") = 0, py::arg("trace_interval") = 1.0);
  m.def("compare", &compare, py::arg("path"), py::arg("vary"), py::arg("replications") = py::none(),
        py::arg("seed") = py::none(), py::arg("threads") = py::none(),
        py::arg("overrides") = std::vector<std::string>{}, py::arg("out") = "");
  m.def("sweep", &sweep, py::arg("path"), py::arg("out"), py::arg("replications") = py::none(),
        py::arg("threads") = py::none(), py::arg("overrides") = std::vector<std::string>{}, py::arg("resume") = false);
  m.def("optimize", &optimize, py::arg("path"), py::arg("out"), py::arg("threads") = py::none(),
        py::arg("overrides") = std::vector<std::string>{}, py::arg("resume") = false);
  m.def("plan", &plan, py::arg("path"), py::arg("out"), py::arg("threads") = py::none(),
        py::arg("overrides") = std::vector<std::string>{});
  m.def("validate", &validate, py::arg("path"), py::arg("overrides") = std::vector<std::string>{});
  m.def("read_trace", &read_trace, py::arg("path"), py::arg("every") = 1);
  m.def("set_language", &set_language, py::arg("code"));
  // Sentences the Python package says, in the language of the messages.
  m.def("_say", [](const std::string& which, const std::string& arg) {
    if (which == "vary_one_key") return dt::say(kPyVaryOneKey, arg);
    if (which == "no_results") return dt::say(kPyNoResults, arg);
    throw std::invalid_argument(which);
  });
  m.def("language", []() { return std::string(dt::lang_code(dt::lang())); });
  // Every phrase linked into the module (id, English, Chinese), for the tests of translations.
  m.def("_phrases", []() {
    std::vector<std::tuple<std::string, std::string, std::string>> out;
    for (const dt::Phrase* p : dt::all_phrases()) out.emplace_back(p->id, p->en, p->zh);
    return out;
  });
}
