#pragma once
// Typed, validated access to a YamlNode tree that reports every mistake at once.
//
//   Diagnostics diag;
//   MapReader root(doc, diag, "scenario");
//   MapReader run = root.map("run");                           // required section
//   int64_t reps = run.integer("replications", 100, Range::at_least(1).at_most(1'000'000));
//   double dur_s = run.duration("duration", 8 * 3600.0, Range::greater_than(0));
//   double rate = arrivals.number("rate_per_hour", Range::at_least(0));  // required: no default
//   for (const ValueReader& item : root.list("buildings")) { MapReader b = item.map(); ... }
//   root.finish();            // every key that no accessor asked for is an "unknown key" error
//   diag.throw_if_errors();
//
// Every accessor records its key as known, reports a problem to `diag` at the position of the
// offending text (naming the dotted key path, what was expected and what was found) and returns a
// usable value (the default, or 0 / "" / false / the first choice) so that reading goes on and the
// planner sees all mistakes in one run.
//
// Readers are cheap copyable handles that point into the YamlNode tree: the tree must outlive them
// and must not change while they are in use (apply overrides first). All readers made from one root share its bookkeeping;
// finish() (on any of them) checks every mapping that was opened for keys nobody asked for, with a
// "did you mean" suggestion among the keys that were asked for. Forgetting finish() is a contract
// violation: when the last reader goes away unfinished (other than while an exception unwinds),
// DT_ASSERT fires in debug builds; release builds still run the check, into `diag`.
//
// Conversion rules (a "plain" scalar is one written without quotes):
//   number     plain scalar, parsed whole with std::from_chars: 12, -3.5, +4, 1e6, .5, 1_000_000
//              (underscores between digits). `.nan`, `.inf`, `nan`, `inf` -> "must be a finite
//              number"; beyond double range -> "too large" (or "too close to zero"). A quoted "42"
//              is an error ("remove the quotes"): quotes mean text in YAML.
//   integer    a number with no fractional part (1e6 is fine) within int64; 2.5 -> "must be a
//              whole number", 99999999999999999999999 -> "too large".
//   uint64     as integer, within [0, 2^64-1]; a minus sign -> "must not be negative".
//   boolean    plain true/false/yes/no/on/off, any letter case. Quoted "true" is an error.
//   text       any scalar, quoted or not (`name: 42` is the text "42"). Null, lists and mappings
//              are errors.
//   duration   seconds. A number (plain or quoted) is seconds; text is one or more <number><unit>
//              parts with optional spaces: "90 s", "30 min", "45min", "1.5 h", "2 d", "1h 30min".
//              Units: ms, s/sec/second(s), min/minute(s), h/hr/hour(s), d/day(s), w/week(s); any
//              case. A bare "m" is rejected as ambiguous (minutes or metres).
//   choice     text that must be one of the given options, exactly (case-sensitive).
//   null       `key:` with nothing after it is "nothing (null)": an error where a value is
//              expected, an empty mapping or list where one is.
// Paths name list items by 0-based number, as --set does: `buildings.0.width`.

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/kernel/input_error.h"
#include "engine/scenario/yaml_tree.h"

namespace dt {

/// A swept value's number, for tables that keep values typed (results.sqlite `point_values`): the
/// text of a plain number as written (unit ""), a duration with units in seconds (unit "s": "30 min"
/// is 1800), true/false (yes/no, on/off) as 1/0 (unit "bool"). Nothing for any other text.
struct TypedNumber {
  double value = 0.0;
  std::string unit;
};
[[nodiscard]] std::optional<TypedNumber> typed_number(std::string_view text);

/// Allowed values of a number, with open or closed bounds. Build it as
/// `Range::at_least(1).at_most(10)`, `Range::greater_than(0)`, `Range::between(0, 1)` or
/// `Range::any().less_than(5)`.
class Range {
 public:
  [[nodiscard]] static Range any() { return Range(); }
  [[nodiscard]] static Range at_least(double min);      ///< >= min
  [[nodiscard]] static Range greater_than(double min);  ///< >  min
  [[nodiscard]] static Range between(double min, double max);  ///< min <= v <= max
  [[nodiscard]] Range at_most(double max) const;    ///< also <= max
  [[nodiscard]] Range less_than(double max) const;  ///< also <  max

  [[nodiscard]] bool contains(double v) const;
  /// "must be >= 0", "must be > 0 and <= 1", "must be between 1 and 10"; `unit` follows each bound.
  [[nodiscard]] std::string describe(std::string_view unit = {}) const;

 private:
  bool has_min_ = false, min_open_ = false, has_max_ = false, max_open_ = false;
  double min_ = 0.0, max_ = 0.0;
};

namespace detail {
struct ReaderState;
}

class MapReader;

/// One value (a list item or the value of a key) with its dotted path.
class ValueReader {
 public:
  [[nodiscard]] const YamlNode& node() const { return *node_; }
  [[nodiscard]] const SourcePos& pos() const { return node_->pos(); }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] Diagnostics& diag() const;
  /// Reports a problem with this value at its position.
  void error(std::string message) const;

  /// The value as a mapping (an error if it is not one; null reads as an empty mapping).
  [[nodiscard]] MapReader map() const;
  /// The items of a list (an error if it is not one; null reads as an empty list).
  [[nodiscard]] std::vector<ValueReader> list() const;

  [[nodiscard]] double number(const Range& range = Range::any()) const;
  [[nodiscard]] std::int64_t integer(const Range& range = Range::any()) const;
  [[nodiscard]] std::uint64_t uint64() const;
  [[nodiscard]] double duration(const Range& range = Range::any()) const;  ///< [s]
  [[nodiscard]] std::string text() const;
  [[nodiscard]] bool boolean() const;
  /// One of `options`; after an error, the first option.
  [[nodiscard]] std::string choice(const std::vector<std::string>& options) const;

  /// As above, but nothing when the value is wrong (the error is reported either way).
  [[nodiscard]] std::optional<double> try_number(const Range& range = Range::any()) const;
  [[nodiscard]] std::optional<std::int64_t> try_integer(const Range& range = Range::any()) const;
  [[nodiscard]] std::optional<std::uint64_t> try_uint64() const;
  [[nodiscard]] std::optional<double> try_duration(const Range& range = Range::any()) const;
  [[nodiscard]] std::optional<std::string> try_text() const;
  [[nodiscard]] std::optional<bool> try_boolean() const;
  [[nodiscard]] std::optional<std::string> try_choice(const std::vector<std::string>& options) const;

 private:
  friend class MapReader;
  ValueReader(std::shared_ptr<detail::ReaderState> state, const YamlNode* node, std::string path, bool silent);

  std::shared_ptr<detail::ReaderState> state_;
  const YamlNode* node_;  // never null
  std::string path_;
  bool silent_;  // a stand-in for a missing value that was already reported: report nothing more
};

/// A key of a mapping read with MapReader::entries() (mappings keyed by names the planner chooses).
struct MapEntryReader {
  std::string key;
  SourcePos key_pos;
  ValueReader value;
};

/// Typed access to the keys of one mapping.
class MapReader {
 public:
  /// The root reader of a document. `name` labels the root in messages ("unknown key 'x' in
  /// 'scenario'"); paths of keys below the root do not include it. Reports an error if `node` is
  /// not a mapping.
  MapReader(const YamlNode& node, Diagnostics& diag, std::string name = "scenario");

  /// Dotted path of this mapping ("incidents.arrivals"; "" for the root).
  [[nodiscard]] const std::string& path() const { return path_; }
  /// The path, or the root's name.
  [[nodiscard]] const std::string& label() const { return label_; }
  /// Where the mapping starts (for a missing mapping: where it was looked for).
  [[nodiscard]] const SourcePos& pos() const { return pos_; }
  [[nodiscard]] Diagnostics& diag() const;
  /// The mapping itself; nullptr when absent or not a mapping.
  [[nodiscard]] const YamlNode* node() const { return node_; }
  /// "incidents.arrivals.rate_per_hour"
  [[nodiscard]] std::string key_path(std::string_view key) const;

  /// Whether `key` is present. Does not mark it as known.
  [[nodiscard]] bool has(std::string_view key) const;
  /// Position of a key / of its value; pos() when absent. Does not mark it as known.
  [[nodiscard]] SourcePos key_pos(std::string_view key) const;
  [[nodiscard]] SourcePos value_pos(std::string_view key) const;
  /// Reports a problem with the value of `key` (at value_pos(key)).
  void error(std::string_view key, std::string message) const;
  /// Marks keys as known without reading them (e.g. free-form "notes").
  void ignore(std::string_view key);

  /// Raw value (marks the key known); nothing when absent.
  [[nodiscard]] std::optional<ValueReader> optional_value(std::string_view key);
  /// Raw value; an error when absent (the returned reader is then a silent null).
  [[nodiscard]] ValueReader value(std::string_view key);

  /// Required sub-mapping. When absent: "missing required key" and an empty reader that reports
  /// nothing more; when not a mapping: a type error and the same.
  [[nodiscard]] MapReader map(std::string_view key);
  /// Sub-mapping whose keys all have defaults: absent reads as empty.
  [[nodiscard]] MapReader map_or_empty(std::string_view key);
  [[nodiscard]] std::optional<MapReader> optional_map(std::string_view key);

  /// Required list / list that may be absent (then empty).
  [[nodiscard]] std::vector<ValueReader> list(std::string_view key);
  [[nodiscard]] std::vector<ValueReader> list_or_empty(std::string_view key);

  /// Every entry of this mapping, all marked as known.
  [[nodiscard]] std::vector<MapEntryReader> entries();

  // Scalars. `X(key, ...)` without a default is required; `X(key, default, ...)` is optional;
  // `optional_X(key, ...)` gives nothing when the key is absent or its value is wrong.
  [[nodiscard]] double number(std::string_view key, const Range& range = Range::any());
  [[nodiscard]] double number(std::string_view key, double fallback, const Range& range = Range::any());
  [[nodiscard]] std::optional<double> optional_number(std::string_view key, const Range& range = Range::any());

  [[nodiscard]] std::int64_t integer(std::string_view key, const Range& range = Range::any());
  [[nodiscard]] std::int64_t integer(std::string_view key, std::int64_t fallback, const Range& range = Range::any());
  [[nodiscard]] std::optional<std::int64_t> optional_integer(std::string_view key, const Range& range = Range::any());

  [[nodiscard]] std::uint64_t uint64(std::string_view key);
  [[nodiscard]] std::uint64_t uint64(std::string_view key, std::uint64_t fallback);

  /// [s]
  [[nodiscard]] double duration(std::string_view key, const Range& range = Range::any());
  [[nodiscard]] double duration(std::string_view key, double fallback_s, const Range& range = Range::any());
  [[nodiscard]] std::optional<double> optional_duration(std::string_view key, const Range& range = Range::any());

  [[nodiscard]] std::string text(std::string_view key);
  [[nodiscard]] std::string text(std::string_view key, std::string fallback);
  [[nodiscard]] std::optional<std::string> optional_text(std::string_view key);

  [[nodiscard]] bool boolean(std::string_view key);
  [[nodiscard]] bool boolean(std::string_view key, bool fallback);

  /// "unknown strategy 'neerest' in 'dispatch.strategy' (did you mean 'nearest'?); choose one of:
  /// fifo, nearest". Required version returns the first option after an error.
  [[nodiscard]] std::string choice(std::string_view key, const std::vector<std::string>& options);
  [[nodiscard]] std::string choice(std::string_view key, const std::vector<std::string>& options, std::string fallback);

  /// Required list of numbers; `required_size` > 0 demands exactly that many.
  [[nodiscard]] std::vector<double> number_list(std::string_view key, const Range& range = Range::any(),
                                                std::size_t required_size = 0);
  [[nodiscard]] std::optional<std::vector<double>> optional_number_list(std::string_view key,
                                                                        const Range& range = Range::any(),
                                                                        std::size_t required_size = 0);
  [[nodiscard]] std::vector<std::string> text_list(std::string_view key);
  [[nodiscard]] std::vector<std::string> text_list_or_empty(std::string_view key);

  /// Reports every key, in every mapping opened from this root, that no accessor asked for.
  /// Idempotent; reading after finish() is a contract violation.
  void finish();

 private:
  friend class ValueReader;
  MapReader(std::shared_ptr<detail::ReaderState> state, const YamlNode* node, std::string path, SourcePos pos,
            bool silent);

  const YamlNode* lookup(std::string_view key);  // marks known; nullptr when absent
  void missing(std::string_view key) const;
  ValueReader reader_for(std::string_view key, const YamlNode& value) const;
  std::optional<std::vector<double>> read_number_list(std::string_view key, const YamlNode& value, const Range& range,
                                                      std::size_t required_size) const;
  std::vector<std::string> read_text_list(std::string_view key, const YamlNode& value) const;

  std::shared_ptr<detail::ReaderState> state_;
  const YamlNode* node_;  // the mapping; nullptr when absent or not a mapping
  std::string path_;
  std::string label_;
  SourcePos pos_;
  std::size_t use_;  // index of this mapping in the shared bookkeeping
  bool silent_;      // already reported as missing or wrong: report nothing more about it
};

/// What names the items of one list (drill steps, roster entries) for dotted keys such as
/// `drill.NAME.at` or `staff.roster.NAME.count` (engine/scenario/yaml_tree.h: a number always
/// means the position, so a name is a word, not a number, and names one item).
struct ItemNaming {
  std::string_view kind_en, kind_zh;  ///< "drill step" / "演练步骤"
  std::string_view example_key;       ///< "drill.2.at"
  std::string_view example_word;      ///< "close_stair"
};

/// Reads the optional `name:` of one list item in `m` and reports (at the name) one that is not a
/// word of letters, digits, '_' or '-', one made of digits only, or one given twice in the list
/// (`seen` carries the names met so far with their positions). Returns the name as written.
std::optional<std::string> read_item_name(MapReader& m, const ItemNaming& naming,
                                          std::map<std::string, SourcePos>& seen);

}  // namespace dt
