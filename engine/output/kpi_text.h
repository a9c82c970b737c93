#pragma once
// What a KPI is called where a person reads it: a short label ("all residents safe") and a one-line
// description, in English and Simplified Chinese. KPI names (ids) never change with the language;
// the catalogue (kpi_text.cpp) matches them with patterns whose `*` stands for one dotted segment
// (a building, a stair, a priority, an incident type: "evacuation.building.*.total_time_s"), and
// `{1}`, `{2}`… in a text insert what the first, second… `*` matched. Ids may themselves contain
// dots (a stair is "B1.S1"): a `*` then takes as many segments as the pattern's literal segments
// around it leave, the fewest first; patterns with more segments are tried first, so
// "evacuation.building.*.floor.*.clear_time_s" wins over "evacuation.building.*.clear_time_s".
//
// The patterns are split into segments once, at the first lookup; a lookup is then a hash probe
// for an exact name, else a comparison of segments with the patterns that have a `*`.

#include <optional>
#include <span>
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

/// One entry of the catalogue: a name or pattern, its labels and its Chinese description (the
/// English description is the KPI definition's own).
struct KpiTextPattern {
  std::string_view pattern;         ///< "evacuation.building.*.total_time_s"
  std::string_view en_label;        ///< "building {1} evacuation time"
  std::string_view zh_label;        ///< "楼栋 {1} 疏散完成时间"
  std::string_view zh_description;  ///< one line, same placeholders as the labels or fewer
};

/// The whole catalogue, exact names first (for tests and documentation).
[[nodiscard]] std::span<const KpiTextPattern> kpi_text_catalogue() noexcept;

/// A name matched against the catalogue: the entry and what each `*` took.
struct KpiTextMatch {
  const KpiTextPattern* entry = nullptr;
  std::vector<std::string> captures;  ///< captures[0] is {1}
  /// `text` with {1}, {2}… replaced by the captures.
  [[nodiscard]] std::string fill(std::string_view text) const;
};

/// The catalogue entry of KPI `name`, or nothing.
[[nodiscard]] std::optional<KpiTextMatch> find_kpi_text(std::string_view name);

/// The KPI's label and description in `in` (default: the current language).
[[nodiscard]] KpiText kpi_text(const KpiDefinition& kpi, Lang in);
[[nodiscard]] inline KpiText kpi_text(const KpiDefinition& kpi) { return kpi_text(kpi, lang()); }

}  // namespace dt
