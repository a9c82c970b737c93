#pragma once
// Writes a scenario document back as YAML, and puts fitted demand into one: what
// `drilltwin fit-demand` writes (docs/demand.md). The written file is a complete scenario (its
// `!include`s inlined) that load_scenario reads like any other.

#include <array>
#include <string>

#include "engine/scenario/yaml_tree.h"

namespace dt {

/// The document as block-style YAML (lists of plain scalars in flow style). Scalars that were
/// quoted in the source are written double-quoted, so they read back as the same text.
[[nodiscard]] std::string yaml_document_text(const YamlNode& doc);

/// In `incidents.types`, the entry named `type`: its arrival keys (per_day, profile, rate_per_hour,
/// profile_per_hour) are replaced by `profile_per_hour: rate_per_h` [1/h], and, when
/// `service_time` is not null, its `service_time` by that node. False when there is no such entry.
bool set_incident_demand(YamlNode& doc, const std::string& type, const std::array<double, 24>& rate_per_h,
                         const YamlNode& service_time);

}  // namespace dt
