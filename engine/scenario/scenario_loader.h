#pragma once
// Scenario files → ScenarioConfig. The schema is documented key by key in
// docs/scenario-reference.md; this file and that page change together.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/scenario/yaml_tree.h"
#include "engine/scenario/scenario_config.h"

namespace dt {

/// An override that adds a step to the drill timeline: what `--drill-add STEP` stands for in the
/// override lists below (and in a sweep's resume hint, which gives it back as --drill-add).
inline constexpr std::string_view kDrillAddPrefix = "--drill-add=";
[[nodiscard]] std::string drill_add_override(std::string_view step);

/// Applies one override to a scenario document: "key.path=value" (--set, yaml_tree.h
/// apply_override) or drill_add_override(step), which appends the step (a YAML flow map such as
/// `{at: 10 min, close: C3/S1}`, positions reported against `--drill-add`) to `drill:` (to
/// `injections:` when the file writes the timeline under that name).
void apply_scenario_override(YamlNode& doc, std::string_view override_text, const IncludeRules& includes = {});

/// A scenario file with command-line overrides applied, as sweep, optimize and calibrate read it:
/// the file as written is first given to `check` (which throws InputError for its mistakes, so
/// that an override cannot hide them; only when there are overrides), then each override applies
/// in order. `rules_used` (when given) receives the include rules of the file.
[[nodiscard]] YamlNode load_overridden_scenario(const std::string& path, const std::vector<std::string>& overrides,
                                                const IncludeRules& includes,
                                                const std::function<void(const YamlNode&)>& check,
                                                IncludeRules* rules_used = nullptr);

/// Loads a scenario file, applies `overrides` ("key.path=value" or drill_add_override, in order)
/// and reads it.
/// Throws InputError listing every problem found, each with file:line:col. A file with a `sweep:`
/// section gives its base scenario (the file without the section), after every point of the
/// sweep was checked (sweep_loader.h). The file is checked as written before the overrides
/// apply: an override changes a valid file, it cannot hide a mistake in it.
/// Its `!include`s (and those in overrides) follow `includes` (yaml_tree.h): by default they must stay
/// in the include root of `path`.
[[nodiscard]] ScenarioConfig load_scenario(const std::string& path, const std::vector<std::string>& overrides = {},
                                           const IncludeRules& includes = {});

/// Checks a whole scenario document — every point of its `sweep:` section too — and throws
/// InputError listing every problem. What every command does with the file as written, before
/// --set, --vary or its own flags change it.
void check_scenario_document(const YamlNode& doc, const std::string& source_file);

/// Reads an already parsed scenario document (a `sweep:` section is left to read_sweep). Throws InputError.
[[nodiscard]] ScenarioConfig read_scenario(const YamlNode& doc, const std::string& source_file);

}  // namespace dt
