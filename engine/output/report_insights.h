#pragma once
// The part of report.html that explains a run instead of listing it (docs/formats.md,
// "report.html"): where each building's evacuation time goes (a stacked bar per building: detection
// and alarm, pre-movement, walking, queuing; durations in minutes), the critical stair's or exit's
// queue over time, the findings of engine/output/bottleneck.h, and the service-demand heatmaps of
// the dispatch model (incidents and response-target misses by hour of day × type and × place).
// Drawn for a single run (one variant) only; each part only when its KPIs or series are there.

#include <string>
#include <vector>

#include "engine/output/report_html.h"

namespace dt {

/// HTML sections (<h2> … charts) to place in report.html's body; "" when there is nothing to show.
/// Deterministic: the same input gives the same bytes.
[[nodiscard]] std::string report_insights_html(const ReportInput& input);

/// A rows × 24 heatmap (hours of the day across) drawn as the demand heatmaps are: white at 0 to
/// (r, g, b) at `top` or the largest cell if larger, non-zero cells labelled, legend titled `legend`.
/// For the observed and forecast demand of `drilltwin forecast` (one `top` for both).
[[nodiscard]] std::string hour_heatmap_svg(const std::vector<std::string>& rows,
                                           const std::vector<std::vector<double>>& cells, const std::string& title,
                                           const std::string& id, const std::string& legend, double top, int r, int g,
                                           int b);

}  // namespace dt
