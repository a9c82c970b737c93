#include "viewer/key_handler.h"

#include <map>
#include <optional>

#include "engine/kernel/lang.h"
#include "engine/kernel/number_text.h"

namespace dtv {

namespace {
DT_PHRASE(kBadMouse, "--keys: {{{}}}: expected {{Press:X,Y}}, {{Drag:X,Y}} or {{Release:X,Y}} with X, Y the pixel's column and row from the top-left",
          "--keys：{{{}}}：应为 {{Press:X,Y}}、{{Drag:X,Y}} 或 {{Release:X,Y}}，X、Y 为像素的列号与行号（从左上角起算）");
}  // namespace

bool KeyHandler::handle(const osgGA::GUIEventAdapter& ea, osgGA::GUIActionAdapter&) {
  using E = osgGA::GUIEventAdapter;
  const auto type = ea.getEventType();
  if (type == E::PUSH || type == E::DRAG || type == E::RELEASE) {
    // Window pixels from the bottom-left, whatever range and orientation the event comes in.
    const float x = (ea.getXnormalized() + 1.0f) / 2.0f * static_cast<float>(app_.width());
    const float y = (ea.getYnormalized() + 1.0f) / 2.0f * static_cast<float>(app_.height());
    if (type == E::PUSH) return ea.getButton() == E::LEFT_MOUSE_BUTTON && app_.mouse_press(x, y);
    if (type == E::DRAG) return app_.mouse_drag(x);
    return app_.mouse_release();
  }
  if (type != E::KEYDOWN) return false;
  using K = osgGA::GUIEventAdapter::KeySymbol;
  Playback* pb = app_.playback();
  const bool shift = (ea.getModKeyMask() & osgGA::GUIEventAdapter::MODKEY_SHIFT) != 0;
  switch (ea.getKey()) {
    case ' ': if (pb) pb->toggle_playing(); return true;
    case '+': case '=': case K::KEY_KP_Add: if (pb) pb->change_speed(+1); return true;
    case '-': case '_': case K::KEY_KP_Subtract: if (pb) pb->change_speed(-1); return true;
    case K::KEY_Right: if (pb) pb->seek(pb->time_s() + 10); return true;
    case K::KEY_Left: if (pb) pb->seek(pb->time_s() - 10); return true;
    case K::KEY_Page_Up: if (pb) pb->seek(pb->time_s() + 60); return true;
    case K::KEY_Page_Down: if (pb) pb->seek(pb->time_s() - 60); return true;
    case '.': case '>': if (pb) pb->step(+1); return true;
    case ',': case '<': if (pb) pb->step(-1); return true;
    case K::KEY_Home: if (pb) pb->seek(0); return true;
    case ']': app_.jump_to_event(+1); return true;
    case '[': app_.jump_to_event(-1); return true;
    case K::KEY_End: if (pb) pb->seek(pb->duration_s()); return true;
    case '1': app_.set_preset(Preset::Site); return true;
    case '2': app_.set_preset(Preset::Building); return true;
    case '3': app_.set_preset(Preset::Floor); return true;
    case K::KEY_Tab: app_.next_building(shift ? -1 : +1); return true;
    case K::KEY_Up: app_.change_floor(+1); return true;
    case K::KEY_Down: app_.change_floor(-1); return true;
    case 'n': app_.toggle_network(); return true;
    case 'w': app_.toggle_shells(); return true;
    case 's': app_.toggle_sensors(); return true;
    case 'g': app_.toggle_stair_panel(); return true;
    case 'r': app_.request_view_reset(); return true;
    case 'h': case '?': case K::KEY_F1: app_.toggle_help(); return true;
    default: return false;
  }
}

std::vector<InputAction> parse_keys(const std::string& keys) {
  using K = osgGA::GUIEventAdapter::KeySymbol;
  static const std::map<std::string, int> named = {
      {"Up", K::KEY_Up},         {"Down", K::KEY_Down},     {"Left", K::KEY_Left}, {"Right", K::KEY_Right},
      {"PgUp", K::KEY_Page_Up},  {"PgDn", K::KEY_Page_Down}, {"Home", K::KEY_Home}, {"End", K::KEY_End},
      {"Tab", K::KEY_Tab},       {"F1", K::KEY_F1},          {"Space", ' '}};
  std::vector<InputAction> out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] != '{') {
      out.push_back({InputAction::Key, static_cast<unsigned char>(keys[i])});
      continue;
    }
    const std::size_t end = keys.find('}', i);
    const std::string name = keys.substr(i + 1, end == std::string::npos ? std::string::npos : end - i - 1);
    const std::size_t colon = name.find(':');
    if (end != std::string::npos && colon != std::string::npos) {  // {Press:X,Y}, {Drag:X,Y}, {Release:X,Y}
      const std::string what = name.substr(0, colon), where = name.substr(colon + 1);
      const std::size_t comma = where.find(',');
      const auto x = comma == std::string::npos ? std::nullopt : dt::parse_decimal(std::string_view(where).substr(0, comma));
      const auto y = comma == std::string::npos ? std::nullopt : dt::parse_decimal(std::string_view(where).substr(comma + 1));
      const InputAction::Kind kind = what == "Press" ? InputAction::Press : what == "Drag" ? InputAction::Drag
                                     : what == "Release" ? InputAction::Release : InputAction::Key;
      if (kind == InputAction::Key || !x || !y || *x > 100000 || *y > 100000)
        throw UsageError(dt::say(kBadMouse, name));
      out.push_back({kind, 0, static_cast<float>(*x), static_cast<float>(*y)});
      i = end;
      continue;
    }
    const auto it = named.find(name);
    if (end == std::string::npos || it == named.end())
      throw UsageError("--keys: unknown key {" + name + "}; named keys are {Up} {Down} {Left} {Right} {PgUp} {PgDn} "
                       "{Home} {End} {Tab} {F1} {Space}; the mouse: {Press:X,Y} {Drag:X,Y} {Release:X,Y}");
    out.push_back({InputAction::Key, it->second});
    i = end;
  }
  return out;
}

}  // namespace dtv
