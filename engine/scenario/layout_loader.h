#pragma once
// Layout files → LayoutConfig. The schema is documented key by key in docs/layout-reference.md;
// this file and that page change together.
//
// Reading only checks what one value (or one building) can tell: types, ranges, required keys,
// unknown keys, ids, references to building types. What needs the whole layout (reachability,
// GB 50016 distances and widths, overlaps) is checked on the generated network by
// check_layout() (engine/world/layout_checks.h).

#include <string>
#include <vector>

#include "engine/scenario/reader.h"
#include "engine/scenario/yaml_tree.h"
#include "engine/world/layout.h"

namespace dt {

/// Loads a layout file and applies `overrides` ("key.path=value", as --set). Throws InputError
/// listing every problem found, each with file:line:col. The file is read as written before the
/// overrides apply: they cannot hide a mistake in it.
/// Its `!include`s follow `includes` (yaml_tree.h).
[[nodiscard]] LayoutConfig load_layout(const std::string& path, const std::vector<std::string>& overrides = {},
                                       const IncludeRules& includes = {});

/// Reads an already parsed layout document. Throws InputError.
[[nodiscard]] LayoutConfig read_layout(const YamlNode& doc, const std::string& source_file);

/// Reads a layout from a mapping opened by another reader (e.g. a scenario's inline `layout:`),
/// reporting into that reader's diagnostics. The caller finishes the root reader.
void read_layout_into(MapReader& layout, LayoutConfig& out);

}  // namespace dt
