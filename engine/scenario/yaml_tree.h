#pragma once
// A YAML document tree that remembers where every node came from.
//
// yaml-cpp's own YAML::Node forgets positions, accepts duplicate keys silently and has no notion of
// files including files, so scenario files are read through yaml-cpp's event parser into this tree
// instead. Every node carries the SourcePos (file as the user gave it, 1-based line and column in
// characters) of its first character; nodes that came from an included file carry that file's name.
//
// Loading rules (each failure is an InputError whose message a planner can act on):
//   - one document per file; a scenario file's top level is a mapping;
//   - duplicate keys, non-scalar keys, unknown tags and bytes that are not UTF-8 text are errors;
//   - anchors and aliases (&name / *name) are expanded by copying the anchored node: the copy's top
//     node takes the position of the alias, the nodes inside keep the positions of the anchored text
//     (where the planner has to edit them);
//   - merge keys (`<<: *defaults` or `<<: [*a, *b]`) copy the entries of the merged mappings that the
//     mapping does not set itself (YAML 1.1 merge semantics; earlier mappings in a list win);
//   - `key: !include relative/path.yaml` is replaced by the whole tree of that file, resolved
//     relative to the directory of the including file; its nodes are named by that joined path
//     (e.g. `scenarios/../assets/compound.yaml`). Include cycles are errors listing the chain.
//   - an included file must be named *.yaml or *.yml — other files (/etc/shadow, a key, a .env)
//     are not read, so their contents never appear in a message — and, after symbolic links and
//     '..' are resolved, lie inside the include root of the top-level file (IncludeRules), unless
//     the rules allow any place (`drilltwin --allow-include-outside`).
//   - the top-level file and every included file must be regular files: a FIFO, a device or a
//     directory is refused before it is opened.
//   - limits that keep hostile input from exhausting the machine: files of at most 64 MiB, includes
//     nested at most 16 deep, lists/mappings nested at most 256 deep, at most 1,000,000 values after
//     expanding aliases.

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/kernel/input_error.h"

namespace dt {

class YamlNode {
 public:
  enum class Kind { Null, Scalar, Sequence, Map };
  using Entry = std::pair<YamlNode, YamlNode>;  ///< key (always a Scalar), value

  /// A Null node with no position.
  YamlNode() = default;

  [[nodiscard]] static YamlNode make_null(SourcePos pos);
  [[nodiscard]] static YamlNode make_scalar(std::string text, SourcePos pos, bool quoted = false);
  [[nodiscard]] static YamlNode make_sequence(SourcePos pos);
  [[nodiscard]] static YamlNode make_map(SourcePos pos);

  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] bool is_null() const { return kind_ == Kind::Null; }
  [[nodiscard]] bool is_scalar() const { return kind_ == Kind::Scalar; }
  [[nodiscard]] bool is_sequence() const { return kind_ == Kind::Sequence; }
  [[nodiscard]] bool is_map() const { return kind_ == Kind::Map; }

  /// Where the node's text starts (for a null value written as `key:` with nothing after it: the key).
  [[nodiscard]] const SourcePos& pos() const { return pos_; }
  void set_pos(SourcePos pos) { pos_ = std::move(pos); }

  /// The text of a Scalar (empty for other kinds).
  [[nodiscard]] const std::string& scalar() const { return text_; }
  /// True when the scalar was written as explicit text: quoted, a block scalar (| or >) or tagged
  /// !!str. Plain scalars (`42`, `fast`) are not quoted.
  [[nodiscard]] bool quoted() const { return quoted_; }

  /// Items of a Sequence (empty for other kinds).
  [[nodiscard]] const std::vector<YamlNode>& items() const { return items_; }
  [[nodiscard]] std::vector<YamlNode>& items() { return items_; }

  /// Entries of a Map in document order (empty for other kinds). Keys are unique.
  [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }

  /// Number of items (Sequence) or entries (Map); 0 otherwise.
  [[nodiscard]] std::size_t size() const;

  /// Value stored under `key` in a Map; nullptr when absent or when this is not a Map.
  [[nodiscard]] const YamlNode* find(std::string_view key) const;
  [[nodiscard]] YamlNode* find(std::string_view key);
  /// The entry (key and value) stored under `key`; nullptr when absent.
  [[nodiscard]] const Entry* find_entry(std::string_view key) const;

  /// Map only: replaces the value under `key`, or appends a new entry whose key node sits at
  /// `key_pos`. Returns the stored value.
  YamlNode& set(std::string_view key, YamlNode value, const SourcePos& key_pos);
  /// Map only: appends an entry. The caller guarantees that `key` is a Scalar not yet present.
  void append_entry(YamlNode key, YamlNode value);
  /// Sequence only: appends an item.
  void push_back(YamlNode item);

  /// Words a planner understands: "a number/text", "a list", "a mapping", "nothing (null)".
  [[nodiscard]] std::string kind_name() const;

  /// Compact flow-style rendering for tests and messages: `{a: 1, b: [x, "quoted"], c: ~}`.
  [[nodiscard]] std::string dump() const;

 private:
  Kind kind_ = Kind::Null;
  bool quoted_ = false;
  SourcePos pos_;
  std::string text_;
  std::vector<YamlNode> items_;
  std::vector<Entry> entries_;
};

/// Name of the file that marks a project folder: the includes of a file below it may reach any
/// file below that folder (e.g. scenarios/x.yaml including ../assets/site.yaml).
inline constexpr const char* kIncludeRootMarker = ".drilltwin-root";

/// Where `!include` may read.
struct IncludeRules {
  /// The folder (absolute, symbolic links resolved) that included files must lie in, or below.
  /// Empty: the include root of the top-level file, as include_rules_for gives it.
  std::string root;
  /// How `root` was chosen, for messages: "the folder of the scenario file".
  std::string root_label;
  /// `root` is a folder marked by a .drilltwin-root file (not the file's own folder).
  bool marked = false;
  /// Any place is allowed (--allow-include-outside); included files must still be YAML by name.
  bool allow_outside = false;

  /// The rules of the file being read (root empty), allowing any place when `allow`.
  [[nodiscard]] static IncludeRules outside_allowed(bool allow) {
    IncludeRules rules;
    rules.allow_outside = allow;
    return rules;
  }
};

/// The include rules of `top_level_file` (a `file_role`, e.g. "scenario file"): its root is the
/// nearest folder at or above the file's own folder that holds a file named .drilltwin-root, else
/// the file's own folder (the working directory for a name without one, such as "--set").
[[nodiscard]] IncludeRules include_rules_for(const std::string& top_level_file, const std::string& file_role,
                                             bool allow_outside = false);

struct YamlLoadOptions {
  /// The top level must be a (non-empty) mapping, as for scenario and layout files. When false
  /// the document may be anything, and an empty document gives a Null node.
  bool require_mapping = true;
  /// What the file is, for "cannot open <file_role> 'x'".
  std::string file_role = "scenario file";
  /// Where `!include` may read; an empty root means include_rules_for(the file, file_role).
  IncludeRules includes;
};

/// Reads and parses a YAML file. Throws InputError (carrying every problem found) when the file
/// cannot be read, is not UTF-8 text, is not valid YAML or breaks the rules above.
[[nodiscard]] YamlNode load_yaml_file(const std::string& path, const YamlLoadOptions& options = {});

/// Parses YAML text whose positions are reported against `source_name`; includes are resolved
/// relative to the directory of `source_name` (the working directory when it has none), and
/// confined as options.includes says (by default to that directory's include root).
[[nodiscard]] YamlNode parse_yaml_string(std::string_view text, const std::string& source_name,
                                         const YamlLoadOptions& options = {});

/// `doc` (a mapping) without its top-level entries named in `keys` (a scenario without its
/// `sweep:`, `optimize:`, `calibrate:` or `plan:` section); any other node is returned as it is.
[[nodiscard]] YamlNode without_keys(const YamlNode& doc, std::initializer_list<std::string_view> keys);

/// Applies one command-line override `dotted.path=value` to `root` (a Map).
///
/// The value is parsed as YAML (`4`, `fast`, `[1, 2, 3]`, `{dist: fixed, value: 3}`) and replaces
/// the node at the path; missing intermediate mappings are created (a null value on the way becomes
/// a mapping); a number component indexes into a list (`buildings.0.floors`, 0-based). New nodes
/// are positioned at file "--set", line 1, column = 1-based offset within `assignment`, so later
/// errors read `--set:1:13: error: ...`. Throws InputError for a malformed assignment, an invalid
/// value or a path that walks into text or past the end of a list. An `!include` in the value is
/// resolved from the working directory and confined by `includes` (pass the rules of the file the
/// override applies to; empty rules confine it to the working directory's include root).
void apply_override(YamlNode& root, std::string_view assignment, const IncludeRules& includes = {});

// The dotted keys of --set, --vary and sweep points share these rules (each walker reports with
// its own source: `--set`, `--vary`, the sweep section):
//  - in a list, a component names an item by its 0-based number or by the text of the item's
//    `name:` key (`drill.2.at`, `drill.fire.at`); a number always means the position;
//  - a key ending in `.scale` on a plain value (`service_time: 20 min`) first turns that value into
//    the distribution {dist: fixed, value: 20 min}, so that `scale` (which multiplies a whole
//    distribution, engine/scenario/distribution_reader.h) can be set in it.

/// The item of `list` (a Sequence) that the key component names; nothing when none does (a number
/// past the end, or a name no item has).
[[nodiscard]] std::optional<std::size_t> find_list_item(const YamlNode& list, std::string_view component);
/// The message for a name find_list_item did not find in the list at `list_path` while setting
/// `key`: with a "did you mean" among the items' names, or the names there are.
[[nodiscard]] std::string no_list_item_message(const YamlNode& list, std::string_view list_path,
                                               std::string_view component, std::string_view key);
/// Turns `node` into {dist: fixed, value: node} when it is a Scalar and `component` is "scale";
/// returns whether it did. The value keeps its position; the new mapping and `dist` take `pos`
/// (where the override names the key), so that a key that is no distribution is reported there.
bool open_plain_value_for_scale(YamlNode& node, std::string_view component, const SourcePos& pos);

/// Appends one item, `item_text` parsed as YAML, to the list under the top-level key `list_key` of
/// `root` (a Map; an absent or null value becomes a list), e.g. a drill step from `--drill-add`.
/// Positions are reported against `source_name`, line 1, column = offset in `item_text` + 1.
/// Throws InputError when the text is not valid YAML or the value there is not a list.
void append_override(YamlNode& root, std::string_view list_key, std::string_view item_text,
                     const std::string& source_name, const IncludeRules& includes = {});

}  // namespace dt
