#pragma once
// Scenario files → ScenarioConfig. The schema is documented key by key in
// docs/scenario-reference.md; this file and that page change together.

#include <string>
#include <vector>

#include "engine/scenario/yaml_tree.h"
#include "engine/scenario/scenario_config.h"

namespace dt {

/// Loads a scenario file, applies `overrides` ("key.path=value", in order) and reads it.
/// Throws InputError listing every problem found, each with file:line:col. A file with a `sweep:`
/// section gives its base scenario (the file without the section), after every point of the
/// sweep was checked (sweep_loader.h).
[[nodiscard]] ScenarioConfig load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

/// Reads an already parsed scenario document (a `sweep:` section is left to read_sweep). Throws InputError.
[[nodiscard]] ScenarioConfig read_scenario(const YamlNode& doc, const std::string& source_file);

}  // namespace dt
