#pragma once
// What a KPI is called where a person reads it: a short label ("all residents safe") and a one-line
// description, in English and Simplified Chinese. KPI names (ids) never change with the language;
// the catalogue (kpi_text.cpp) matches them with patterns whose `*` stands for one dotted segment
// (a building, a stair, a priority, an incident type: "evacuation.building.*.total_time_s"), and
// `{1}`, `{2}`… in a text insert what the first, second… `*` matched.

#include <string>
#include <string_view>
#include <vector>

#include "engine/kernel/kpi_table.h"
#include "engine/kernel/lang.h"

namespace dt {

struct KpiText {
  std::string label;        ///< a few words, no unit: "all residents safe", "全部居民到达安全区"
  std::string description;  ///< one line
  bool known = false;       ///< false: the catalogue lacks the KPI (label = name, description = definition's)
};

/// The KPI's label and description in `in` (default: the current language).
[[nodiscard]] KpiText kpi_text(const KpiDefinition& kpi, Lang in);
[[nodiscard]] inline KpiText kpi_text(const KpiDefinition& kpi) { return kpi_text(kpi, lang()); }

}  // namespace dt
