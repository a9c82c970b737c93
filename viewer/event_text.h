#pragma once
// The words of the event panel and the HUD's places, in the viewer's language: an event as
// "fire in C1 floor 12 flat 2" / "C1 12 层 2 号房 起火", made from its kind and its place (the
// trace's English text is used only for the ids it carries), and an internal place label
// ("B6/F8/U1") as a planner reads it ("B6 floor 8 flat 1").

#include <string>

#include "engine/output/trace.h"

namespace dtv {

namespace trace = dt::trace;

/// "B6/F8/U1" → "B6 floor 8 flat 1" (zh-CN: "B6 8 层 1 号房"); parts it does not know stay as written.
[[nodiscard]] std::string place_text(const std::string& label);

/// One line of the event panel (without its time).
[[nodiscard]] std::string event_text(const trace::Event& e, const trace::Scene& scene);

}  // namespace dtv
