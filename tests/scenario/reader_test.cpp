// Tests for engine/scenario/reader.cpp: typed access that reports every mistake, where it is, with
// a suggestion.

#include "engine/scenario/reader.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dt {
namespace {

YamlNode parse(std::string_view text) { return parse_yaml_string(text, "s.yaml"); }

/// "file:line:col: error: message" of every error, in order.
std::vector<std::string> errors(const Diagnostics& diag) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diag.all()) {
    if (d.severity == Severity::Error) out.push_back(d.str());
  }
  return out;
}

/// The single error `read` reports on `text` (the root reader is finished afterwards).
template <class F>
std::string only_error(std::string_view text, F&& read) {
  const YamlNode doc = parse(text);
  Diagnostics diag;
  MapReader root(doc, diag, "scenario");
  read(root);
  root.finish();
  const auto es = errors(diag);
  if (es.size() != 1) {
    std::string all;
    for (const auto& e : es) all += "\n  " + e;
    ADD_FAILURE() << "expected one error, got " << es.size() << ":" << all;
    return {};
  }
  return es.front();
}

// --- a whole scenario ----------------------------------------------------------------------------

TEST(Reader, ReadsValuesAndDefaultsWithoutErrors) {
  const YamlNode doc = parse(
      "run:\n"
      "  replications: 250\n"
      "  seed: 18446744073709551615\n"
      "  duration: 1.5 h\n"
      "dispatch: {strategy: nearest, enabled: yes}\n"
      "incidents:\n"
      "  arrivals: {rate_per_hour: 2.5, profile: [1, 1, 0.5]}\n"
      "buildings:\n"
      "  - {id: B1, width: 30}\n"
      "  - {id: B2, width: 12.5}\n");
  Diagnostics diag;
  MapReader root(doc, diag, "scenario");
  MapReader run = root.map("run");
  EXPECT_EQ(run.integer("replications", 100, Range::at_least(1).at_most(1'000'000)), 250);
  EXPECT_EQ(run.uint64("seed", 1), 18446744073709551615ull);
  EXPECT_DOUBLE_EQ(run.duration("duration", 8 * 3600.0, Range::greater_than(0)), 5400.0);
  EXPECT_EQ(run.integer("threads", 4), 4);  // absent: the default
  MapReader dispatch = root.map("dispatch");
  EXPECT_EQ(dispatch.choice("strategy", {"fifo", "nearest"}, "fifo"), "nearest");
  EXPECT_TRUE(dispatch.boolean("enabled", false));
  MapReader arrivals = root.map("incidents").map("arrivals");
  EXPECT_EQ(arrivals.path(), "incidents.arrivals");
  EXPECT_DOUBLE_EQ(arrivals.number("rate_per_hour", Range::at_least(0)), 2.5);
  EXPECT_EQ(arrivals.number_list("profile", Range::at_least(0), 3), (std::vector<double>{1, 1, 0.5}));
  std::vector<std::string> ids;
  double width_sum = 0;
  for (const ValueReader& item : root.list("buildings")) {
    MapReader b = item.map();
    ids.push_back(b.text("id"));
    width_sum += b.number("width", Range::greater_than(0));
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"B1", "B2"}));
  EXPECT_DOUBLE_EQ(width_sum, 42.5);
  EXPECT_FALSE(root.optional_map("hazards").has_value());
  root.finish();
  EXPECT_TRUE(errors(diag).empty()) << errors(diag).front();
  EXPECT_NO_THROW(diag.throw_if_errors());
}

TEST(Reader, EveryMistakeIsCollectedNotJustTheFirst) {
  const YamlNode doc = parse(
      "run:\n"
      "  replicatoins: 5\n"
      "  duration: eight hours\n"
      "dispatch: {strategy: neerest}\n"
      "staff: {count: {n: 3}}\n"
      "incidents: {rate_per_hour: -3}\n");
  Diagnostics diag;
  MapReader root(doc, diag, "scenario");
  MapReader run = root.map("run");
  EXPECT_EQ(run.integer("replications", 100, Range::at_least(1)), 100);
  EXPECT_DOUBLE_EQ(run.duration("duration", 60.0), 60.0);  // the default after an error
  EXPECT_EQ(root.map("dispatch").choice("strategy", {"fifo", "nearest"}, "fifo"), "fifo");
  EXPECT_EQ(root.map("staff").integer("count", 1), 1);
  EXPECT_DOUBLE_EQ(root.map("incidents").number("rate_per_hour", Range::at_least(0)), 0.0);
  (void)root.map("outputs");
  root.finish();
  const auto es = errors(diag);
  ASSERT_EQ(es.size(), 6u);
  EXPECT_EQ(es[0], "s.yaml:3:13: error: expected a duration for 'run.duration' such as 90 s, 30 min, 8 h or 2 d "
                   "(a plain number means seconds), found 'eight hours'");
  EXPECT_EQ(es[1], "s.yaml:4:22: error: unknown strategy 'neerest' for 'dispatch.strategy' (did you mean "
                   "'nearest'?); choose one of: fifo, nearest");
  EXPECT_EQ(es[2], "s.yaml:5:16: error: expected a whole number for 'staff.count', found a mapping");
  EXPECT_EQ(es[3], "s.yaml:6:28: error: 'incidents.rate_per_hour' must be >= 0 (got -3)");
  EXPECT_EQ(es[4], "s.yaml:1:1: error: missing required key 'outputs' in 'scenario'");
  EXPECT_EQ(es[5], "s.yaml:2:3: error: unknown key 'replicatoins' in 'run' (did you mean 'replications'?)");
  try {
    diag.throw_if_errors();
    ADD_FAILURE() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.diagnostics().size(), 6u);
  }
}

// --- unknown and missing keys --------------------------------------------------------------------

TEST(Reader, UnknownKeyIsReportedAtTheKeyWithASuggestion) {
  const std::string e = only_error("buildings:\n  - {id: B1, widht: 30}\n", [](MapReader& root) {
    for (const ValueReader& item : root.list("buildings")) {
      MapReader b = item.map();
      (void)b.text("id");
      (void)b.number("width", 10.0);
      (void)b.number("height", 10.0);
    }
  });
  EXPECT_EQ(e, "s.yaml:2:14: error: unknown key 'widht' in 'buildings.0' (did you mean 'width'?)");
}

TEST(Reader, UnknownKeyWithoutACloseMatchListsTheKnownKeys) {
  const std::string e = only_error("run: {seed: 1, zzz_unknown_option: 2}\n", [](MapReader& root) {
    MapReader run = root.map("run");
    (void)run.uint64("seed", 1);
    (void)run.integer("replications", 1);
  });
  EXPECT_EQ(e, "s.yaml:1:16: error: unknown key 'zzz_unknown_option' in 'run'; known keys here: seed, replications");
}

TEST(Reader, UnknownTopLevelKeyNamesTheRoot) {
  const std::string e = only_error("stafff: {}\nrun: {}\n", [](MapReader& root) {
    (void)root.optional_map("staff");
    (void)root.optional_map("run");
  });
  EXPECT_EQ(e, "s.yaml:1:1: error: unknown key 'stafff' in 'scenario' (did you mean 'staff'?)");
}

TEST(Reader, KeysAskedForThroughAnyReaderOfTheSameMappingAreKnown) {
  const YamlNode doc = parse("run: {seed: 1, duration: 60}\n");
  Diagnostics diag;
  MapReader root(doc, diag);
  EXPECT_EQ(root.map("run").uint64("seed", 0), 1u);
  EXPECT_DOUBLE_EQ(root.map("run").duration("duration", 0.0), 60.0);  // a second reader of 'run'
  root.finish();
  root.finish();  // idempotent
  EXPECT_TRUE(errors(diag).empty());
}

TEST(Reader, IgnoredAndEntryKeysAreKnown) {
  const YamlNode doc = parse("notes: free text\ntargets: {evacuation.total_time_s: 600, dispatch.response_time_s: 900}\n");
  Diagnostics diag;
  MapReader root(doc, diag);
  root.ignore("notes");
  std::vector<std::string> names;
  for (const MapEntryReader& e : root.map("targets").entries()) {
    names.push_back(e.key);
    EXPECT_GT(e.value.number(), 0.0);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"evacuation.total_time_s", "dispatch.response_time_s"}));
  root.finish();
  EXPECT_TRUE(errors(diag).empty());
}

TEST(Reader, MissingRequiredKeyIsReportedAtItsMapping) {
  const std::string e = only_error("incidents:\n  arrivals:\n    rate: 3\n", [](MapReader& root) {
    MapReader arrivals = root.map("incidents").map("arrivals");
    arrivals.ignore("rate");
    EXPECT_DOUBLE_EQ(arrivals.number("rate_per_hour", Range::at_least(0)), 0.0);
  });
  EXPECT_EQ(e, "s.yaml:3:5: error: missing required key 'rate_per_hour' in 'incidents.arrivals'");
}

TEST(Reader, MissingSectionIsReportedOnceNotForEachKeyInside) {
  const std::string e = only_error("a: 1\n", [](MapReader& root) {
    root.ignore("a");
    MapReader run = root.map("run");
    EXPECT_EQ(run.integer("replications", Range::at_least(1)), 0);
    EXPECT_EQ(run.text("name"), "");
    EXPECT_TRUE(run.list("items").empty());
  });
  EXPECT_EQ(e, "s.yaml:1:1: error: missing required key 'run' in 'scenario'");
}

TEST(Reader, SectionThatMayBeAbsentStillReportsItsRequiredKeys) {
  const std::string e = only_error("a: 1\n", [](MapReader& root) {
    root.ignore("a");
    MapReader run = root.map_or_empty("run");
    EXPECT_EQ(run.integer("threads", 2), 2);
    (void)run.duration("duration");
  });
  EXPECT_EQ(e, "s.yaml:1:1: error: missing required key 'duration' in 'run'");
}

TEST(Reader, EmptyValueReadsAsAnEmptyMappingOrList) {
  const YamlNode doc = parse("hazards:\nbuildings:\n");
  Diagnostics diag;
  MapReader root(doc, diag);
  auto hazards = root.optional_map("hazards");
  ASSERT_TRUE(hazards.has_value());
  EXPECT_EQ(hazards->number("fire_rate", 0.5), 0.5);
  EXPECT_TRUE(root.list("buildings").empty());
  root.finish();
  EXPECT_TRUE(errors(diag).empty());
}

// --- types ---------------------------------------------------------------------------------------

TEST(Reader, WrongTypeNamesThePathTheExpectationAndWhatWasFound) {
  EXPECT_EQ(only_error("staff:\n  count: {n: 4}\n", [](MapReader& r) { (void)r.map("staff").number("count", 1.0); }),
            "s.yaml:2:10: error: expected a number for 'staff.count', found a mapping");
  EXPECT_EQ(only_error("staff: {count: four}\n", [](MapReader& r) { (void)r.map("staff").number("count", 1.0); }),
            "s.yaml:1:16: error: expected a number for 'staff.count', found 'four'");
  EXPECT_EQ(only_error("name: [a, b]\n", [](MapReader& r) { (void)r.text("name", "x"); }),
            "s.yaml:1:7: error: expected text for 'name', found a list");
  EXPECT_EQ(only_error("run: fast\n", [](MapReader& r) { (void)r.map("run").integer("seed", 1); }),
            "s.yaml:1:6: error: expected a mapping for 'run', found 'fast'");
  EXPECT_EQ(only_error("buildings: {B1: 1}\n", [](MapReader& r) { (void)r.list("buildings"); }),
            "s.yaml:1:12: error: expected a list for 'buildings', found a mapping");
  EXPECT_EQ(only_error("seed:\n", [](MapReader& r) { (void)r.uint64("seed", 1); }),
            "s.yaml:1:1: error: expected a whole number for 'seed', found nothing (null)");
}

TEST(Reader, RootThatIsNotAMappingIsOneError) {
  YamlLoadOptions any;
  any.require_mapping = false;
  const YamlNode doc = parse_yaml_string("- 1\n", "s.yaml", any);
  Diagnostics diag;
  MapReader root(doc, diag, "layout");
  EXPECT_EQ(root.integer("floors", Range::at_least(1)), 0);
  root.finish();
  EXPECT_EQ(errors(diag), (std::vector<std::string>{"s.yaml:1:1: error: expected a mapping for 'layout', found a list"}));
}

TEST(Reader, QuotedNumbersAndBooleansAreText) {
  EXPECT_EQ(only_error("count: \"42\"\n", [](MapReader& r) { (void)r.integer("count", 1); }),
            "s.yaml:1:8: error: expected a whole number for 'count', found the text \"42\" (remove the quotes)");
  EXPECT_EQ(only_error("rate: '2.5'\n", [](MapReader& r) { (void)r.number("rate", 1.0); }),
            "s.yaml:1:7: error: expected a number for 'rate', found the text \"2.5\" (remove the quotes)");
  EXPECT_EQ(only_error("on: \"true\"\n", [](MapReader& r) { (void)r.boolean("on", false); }),
            "s.yaml:1:5: error: expected true or false for 'on', found the text \"true\" (remove the quotes)");
  // ... while text accepts what looks like a number.
  const YamlNode doc = parse("name: 42\n");
  Diagnostics diag;
  MapReader root(doc, diag);
  EXPECT_EQ(root.text("name"), "42");
  root.finish();
  EXPECT_TRUE(errors(diag).empty());
}

TEST(Reader, NumbersParseStrictlyAndAcceptYamlForms) {
  const YamlNode doc = parse("a: 1e6\nb: +4\nc: 1_000_000\nd: .5\ne: -2.25\nf: 007\n");
  Diagnostics diag;
  MapReader root(doc, diag);
  EXPECT_DOUBLE_EQ(root.number("a"), 1e6);
  EXPECT_DOUBLE_EQ(root.number("b"), 4.0);
  EXPECT_DOUBLE_EQ(root.number("c"), 1e6);
  EXPECT_DOUBLE_EQ(root.number("d"), 0.5);
  EXPECT_DOUBLE_EQ(root.number("e"), -2.25);
  EXPECT_EQ(root.integer("f"), 7);
  root.finish();
  EXPECT_TRUE(errors(diag).empty());

  for (const char* bad : {"x: 12abc\n", "x: 1__0\n", "x: _1\n", "x: 0x10\n", "x: ++1\n", "x: 1,5\n", "x: 3 m\n"}) {
    EXPECT_TRUE(only_error(bad, [](MapReader& r) { (void)r.number("x", 0.0); }).find("expected a number for 'x'") !=
                std::string::npos)
        << bad;
  }
}

TEST(Reader, NotANumberAndInfinityAreRejected) {
  for (const char* text : {".nan", ".NaN", ".inf", "-.inf", "+.Inf", "nan", "inf", "-infinity"}) {
    const std::string e = only_error("rate: " + std::string(text) + "\n", [](MapReader& r) { (void)r.number("rate", 1.0); });
    EXPECT_EQ(e, "s.yaml:1:7: error: 'rate' must be a finite number (got " + std::string(text) + ")");
  }
  EXPECT_EQ(only_error("n: .nan\n", [](MapReader& r) { (void)r.integer("n", 1); }),
            "s.yaml:1:4: error: 'n' must be a finite number (got .nan)");
}

TEST(Reader, HugeNumbersAreRejected) {
  EXPECT_EQ(only_error("rate: 1e999\n", [](MapReader& r) { (void)r.number("rate", 1.0); }),
            "s.yaml:1:7: error: 'rate' is too large a number (got 1e999)");
  EXPECT_EQ(only_error("rate: -1e999\n", [](MapReader& r) { (void)r.number("rate", 1.0); }),
            "s.yaml:1:7: error: 'rate' is too large a number (got -1e999)");
  EXPECT_EQ(only_error("rate: 1e-999\n", [](MapReader& r) { (void)r.number("rate", 1.0); }),
            "s.yaml:1:7: error: 'rate' is too close to zero to be represented (got 1e-999)");
  const std::string digits(400, '9');
  EXPECT_TRUE(only_error("rate: " + digits + "\n", [](MapReader& r) { (void)r.number("rate", 1.0); })
                  .find("is too large a number") != std::string::npos);
}

TEST(Reader, IntegersRejectFractionsAndOverflow) {
  EXPECT_EQ(only_error("n: 99999999999999999999999\n", [](MapReader& r) { (void)r.integer("n", 1); }),
            "s.yaml:1:4: error: 'n' is too large (got 99999999999999999999999; whole numbers go up to "
            "9223372036854775807)");
  EXPECT_EQ(only_error("n: 2.5\n", [](MapReader& r) { (void)r.integer("n", 1); }),
            "s.yaml:1:4: error: 'n' must be a whole number (got 2.5)");
  EXPECT_EQ(only_error("n: 1e30\n", [](MapReader& r) { (void)r.integer("n", 1); }),
            "s.yaml:1:4: error: 'n' is too large (got 1e30; whole numbers go up to 9223372036854775807)");
  EXPECT_EQ(only_error("seed: -1\n", [](MapReader& r) { (void)r.uint64("seed", 1); }),
            "s.yaml:1:7: error: 'seed' must not be negative (got -1)");
  EXPECT_EQ(only_error("seed: 18446744073709551616\n", [](MapReader& r) { (void)r.uint64("seed", 1); }),
            "s.yaml:1:7: error: 'seed' is too large (got 18446744073709551616; the limit is 18446744073709551615)");

  const YamlNode doc = parse("a: 1e6\nb: -9223372036854775808\nc: 3.0\n");
  Diagnostics diag;
  MapReader root(doc, diag);
  EXPECT_EQ(root.integer("a"), 1'000'000);
  EXPECT_EQ(root.integer("b"), INT64_MIN);
  EXPECT_EQ(root.integer("c"), 3);
  root.finish();
  EXPECT_TRUE(errors(diag).empty());
}

TEST(Reader, BooleansAcceptTrueFalseYesNoOnOff) {
  const YamlNode doc = parse("a: true\nb: False\nc: yes\nd: NO\ne: on\nf: off\n");
  Diagnostics diag;
  MapReader root(doc, diag);
  EXPECT_TRUE(root.boolean("a"));
  EXPECT_FALSE(root.boolean("b"));
  EXPECT_TRUE(root.boolean("c"));
  EXPECT_FALSE(root.boolean("d"));
  EXPECT_TRUE(root.boolean("e"));
  EXPECT_FALSE(root.boolean("f"));
  root.finish();
  EXPECT_TRUE(errors(diag).empty());
  EXPECT_EQ(only_error("trace: maybe\n", [](MapReader& r) { (void)r.boolean("trace", false); }),
            "s.yaml:1:8: error: expected true or false for 'trace', found 'maybe'");
}

// --- ranges --------------------------------------------------------------------------------------

TEST(Reader, RangeErrorsNameTheKeyPathTheBoundsAndTheValue) {
  EXPECT_EQ(only_error("incidents:\n  arrivals: {rate_per_hour: -3}\n",
                       [](MapReader& r) {
                         (void)r.map("incidents").map("arrivals").number("rate_per_hour", Range::at_least(0));
                       }),
            "s.yaml:2:29: error: 'incidents.arrivals.rate_per_hour' must be >= 0 (got -3)");
  EXPECT_EQ(only_error("run: {replications: 0}\n",
                       [](MapReader& r) {
                         (void)r.map("run").integer("replications", 100, Range::at_least(1).at_most(1'000'000));
                       }),
            "s.yaml:1:21: error: 'run.replications' must be between 1 and 1000000 (got 0)");
  EXPECT_EQ(only_error("p: 1\n", [](MapReader& r) { (void)r.number("p", Range::greater_than(0).less_than(1)); }),
            "s.yaml:1:4: error: 'p' must be > 0 and < 1 (got 1)");
  EXPECT_EQ(only_error("w: 0\n", [](MapReader& r) { (void)r.number("w", 5.0, Range::greater_than(0)); }),
            "s.yaml:1:4: error: 'w' must be > 0 (got 0)");
  EXPECT_EQ(only_error("w: 12\n", [](MapReader& r) { (void)r.number("w", 5.0, Range::any().at_most(10.5)); }),
            "s.yaml:1:4: error: 'w' must be <= 10.5 (got 12)");
}

TEST(Reader, RangeDescribesItsBounds) {
  EXPECT_TRUE(Range::any().contains(-1e300));
  EXPECT_TRUE(Range::between(0, 1).contains(1));
  EXPECT_FALSE(Range::greater_than(0).contains(0));
  EXPECT_FALSE(Range::at_least(0).less_than(1).contains(1));
  EXPECT_EQ(Range::at_least(0.25).describe(" s"), "must be >= 0.25 s");
  EXPECT_EQ(Range::between(1, 2).describe(), "must be between 1 and 2");
}

// --- durations -----------------------------------------------------------------------------------

TEST(Reader, DurationsAcceptNumbersAndTextWithUnits) {
  const std::vector<std::pair<std::string, double>> cases = {
      {"600", 600.0},         {"90 s", 90.0},       {"30 min", 1800.0},  {"45min", 2700.0},
      {"8 h", 28800.0},       {"1.5 h", 5400.0},    {"2 d", 172800.0},   {"1h 30min", 5400.0},
      {"250 ms", 0.25},       {"2 Hours", 7200.0},  {"\"10 sec\"", 10.0}, {"1 week", 604800.0},
      {"\"120\"", 120.0}};
  for (const auto& [text, seconds] : cases) {
    const YamlNode doc = parse("d: " + text + "\n");
    Diagnostics diag;
    MapReader root(doc, diag);
    EXPECT_DOUBLE_EQ(root.duration("d", 0.0), seconds) << text;
    root.finish();
    EXPECT_TRUE(errors(diag).empty()) << text << ": " << errors(diag).front();
  }
}

TEST(Reader, DurationMistakesAreExplained) {
  const auto read = [](MapReader& r) { (void)r.duration("duration", 1.0, Range::greater_than(0)); };
  EXPECT_EQ(only_error("duration: 8 m\n", read),
            "s.yaml:1:11: error: expected a duration for 'duration' such as 90 s, 30 min, 8 h or 2 d (a plain number "
            "means seconds), found '8 m' ('m' is ambiguous: write 'min' for minutes)");
  EXPECT_TRUE(only_error("duration: 5 parsecs\n", read).find("(unknown unit 'parsecs')") != std::string::npos);
  EXPECT_TRUE(only_error("duration: h\n", read).find("found 'h'") != std::string::npos);
  EXPECT_EQ(only_error("duration: -5 min\n", read), "s.yaml:1:11: error: 'duration' must be > 0 s (got -5 min)");
  EXPECT_EQ(only_error("duration: 0\n", read), "s.yaml:1:11: error: 'duration' must be > 0 s (got 0 s)");
  EXPECT_EQ(only_error("duration: .inf\n", read), "s.yaml:1:11: error: 'duration' must be a finite duration (got .inf)");
  // Compound durations: largest unit first, each once, no signs ('5min -3s' used to mean 297 s,
  // '5min5min' 600 s).
  EXPECT_NE(only_error("duration: 5min -3s\n", read).find("takes no signs"), std::string::npos);
  EXPECT_NE(only_error("duration: 5min5min\n", read).find("from the largest unit to the smallest"), std::string::npos);
  EXPECT_NE(only_error("duration: 30 s 1 h\n", read).find("found 'h' after a smaller or equal unit"), std::string::npos);
  EXPECT_NE(only_error("duration: 1 h +30 min\n", read).find("takes no signs"), std::string::npos);
}

TEST(Reader, CompoundDurationsAddTheirParts) {
  for (const auto& [text, seconds] : std::vector<std::pair<std::string, double>>{
           {"1 h 30 min", 5400.0}, {"2d 3h 4min 5s", 2 * 86400.0 + 3 * 3600.0 + 4 * 60.0 + 5.0}, {"1h 90min", 9000.0}}) {
    const YamlNode doc = parse("d: " + text + "\n");
    Diagnostics diag;
    MapReader root(doc, diag);
    EXPECT_DOUBLE_EQ(root.duration("d", 0.0), seconds) << text;
    root.finish();
    EXPECT_TRUE(errors(diag).empty()) << text;
  }
}

// --- choices and lists ---------------------------------------------------------------------------

TEST(Reader, ChoiceSuggestsTheClosestOption) {
  EXPECT_EQ(only_error("dispatch: {strategy: neerest}\n",
                       [](MapReader& r) {
                         EXPECT_EQ(r.map("dispatch").choice("strategy", {"fifo", "nearest"}, "fifo"), "fifo");
                       }),
            "s.yaml:1:22: error: unknown strategy 'neerest' for 'dispatch.strategy' (did you mean 'nearest'?); "
            "choose one of: fifo, nearest");
  EXPECT_EQ(only_error("strategy: random\n",
                       [](MapReader& r) { EXPECT_EQ(r.choice("strategy", {"fifo", "nearest"}), "fifo"); }),
            "s.yaml:1:11: error: unknown strategy 'random'; choose one of: fifo, nearest");
}

TEST(Reader, NumberListChecksItemsAndSize) {
  EXPECT_EQ(only_error("profile: [1, 2, 3]\n",
                       [](MapReader& r) {
                         EXPECT_EQ(r.number_list("profile", Range::at_least(0), 24).size(), 24u);
                       }),
            "s.yaml:1:10: error: 'profile' must have 24 values (got 3)");
  EXPECT_EQ(only_error("profile: [1, -2, 3]\n", [](MapReader& r) { (void)r.number_list("profile", Range::at_least(0)); }),
            "s.yaml:1:14: error: 'profile.1' must be >= 0 (got -2)");
  EXPECT_EQ(only_error("profile: 3\n", [](MapReader& r) { (void)r.number_list("profile"); }),
            "s.yaml:1:10: error: expected a list of numbers for 'profile', found '3'");
  EXPECT_EQ(only_error("ids: [a, [b]]\n", [](MapReader& r) { (void)r.text_list("ids"); }),
            "s.yaml:1:10: error: expected text for 'ids.1', found a list");
}

// --- positions for later semantic checks ---------------------------------------------------------

TEST(Reader, ExposesPositionsAndPathsForSemanticErrors) {
  const YamlNode doc = parse("buildings:\n  - id: B2\n    x: 0\n  - id: B3\n    x: 1\n");
  Diagnostics diag;
  MapReader root(doc, diag);
  std::vector<MapReader> buildings;
  for (const ValueReader& item : root.list("buildings")) buildings.push_back(item.map());
  ASSERT_EQ(buildings.size(), 2u);
  MapReader& b3 = buildings[1];
  EXPECT_EQ(b3.path(), "buildings.1");
  EXPECT_EQ(b3.key_path("x"), "buildings.1.x");
  EXPECT_EQ(b3.pos().str(), "s.yaml:4:5");
  EXPECT_EQ(b3.key_pos("x").str(), "s.yaml:5:5");
  EXPECT_EQ(b3.value_pos("x").str(), "s.yaml:5:8");
  EXPECT_EQ(b3.value_pos("absent").str(), "s.yaml:4:5");
  EXPECT_TRUE(b3.has("id"));
  (void)b3.text("id");
  (void)b3.number("x");
  (void)buildings[0].text("id");
  (void)buildings[0].number("x");
  b3.error("x", "building B3 overlaps B2");
  root.finish();
  EXPECT_EQ(errors(diag), (std::vector<std::string>{"s.yaml:5:8: error: building B3 overlaps B2"}));
}

TEST(Reader, OverriddenValuesAreReportedAtTheirPlaceOnTheCommandLine) {
  YamlNode doc = parse("run: {replications: 10}\n");
  apply_override(doc, "run.replications=0");
  apply_override(doc, "run.sed=4");
  Diagnostics diag;
  MapReader root(doc, diag);
  MapReader run = root.map("run");
  (void)run.integer("replications", 1, Range::at_least(1));
  (void)run.uint64("seed", 1);
  root.finish();
  EXPECT_EQ(errors(diag), (std::vector<std::string>{
                              "--set:1:18: error: 'run.replications' must be >= 1 (got 0)",
                              "--set:1:5: error: unknown key 'sed' in 'run' (did you mean 'seed'?)"}));
}

#ifndef NDEBUG
TEST(ReaderDeathTest, ForgettingFinishIsLoud) {
  EXPECT_DEATH(
      {
        const YamlNode doc = parse("a: 1\n");
        Diagnostics diag;
        MapReader root(doc, diag);
        (void)root.integer("a");
      },
      "without finish");
}

TEST(ReaderDeathTest, ReadingAfterFinishIsAContractViolation) {
  EXPECT_DEATH(
      {
        const YamlNode doc = parse("a: 1\n");
        Diagnostics diag;
        MapReader root(doc, diag);
        root.finish();
        (void)root.integer("a");
      },
      "after MapReader::finish");
}
#endif

// A swept value's number for results.sqlite: numbers as written, durations in seconds, booleans as
// 1/0, nothing for other text.
TEST(TypedNumber, NumbersDurationsAndBooleans) {
  const auto n = [](std::string_view text) { return typed_number(text); };
  ASSERT_TRUE(n("3"));
  EXPECT_EQ(n("3")->value, 3.0);
  EXPECT_EQ(n("3")->unit, "");
  EXPECT_EQ(n("0.25")->value, 0.25);
  EXPECT_EQ(n("1_000")->value, 1000.0);
  ASSERT_TRUE(n("30 min"));
  EXPECT_EQ(n("30 min")->value, 1800.0);  // 30 × 60
  EXPECT_EQ(n("30 min")->unit, "s");
  EXPECT_EQ(n("1h 30min")->value, 5400.0);  // 3600 + 30 × 60
  EXPECT_EQ(n("1.5 h")->value, 5400.0);
  EXPECT_EQ(n("true")->value, 1.0);
  EXPECT_EQ(n("true")->unit, "bool");
  EXPECT_EQ(n("off")->value, 0.0);
  EXPECT_FALSE(n("nearest"));
  EXPECT_FALSE(n("[1, 2]"));
  EXPECT_FALSE(n("5 m"));  // minutes or metres: not a duration
  EXPECT_FALSE(n(".nan"));
}

}  // namespace
}  // namespace dt
