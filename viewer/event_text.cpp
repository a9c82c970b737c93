#include "viewer/event_text.h"

#include <fmt/format.h>

#include <cctype>
#include <cmath>

#include "engine/kernel/lang.h"

namespace dtv {

namespace {

DT_PHRASE(kFloorPart, "floor {}", "{} 层");
DT_PHRASE(kFlatPart, "flat {}", "{} 号房");
DT_PHRASE(kStairPart, "stair {}", "{} 号楼梯");
DT_PHRASE(kCorridorPart, "corridor {}", "{} 号走廊");
DT_PHRASE(kExitPart, "exit {}", "{} 号出口");
DT_PHRASE(kLiftPart, "lift {}", "{} 号电梯");

DT_PHRASE(kEvAlarm, "alarm: {}", "火灾警报：{}");
DT_PHRASE(kEvFire, "fire in {}", "{} 起火");
DT_PHRASE(kEvIncidentCleared, "incident cleared: {}", "事件已处置：{}");
DT_PHRASE(kEvSmoke, "smoke in {}", "{} 烟气弥漫");
DT_PHRASE(kEvClear, "{} clear again", "{} 已恢复通行");
DT_PHRASE(kEvClosed, "{} closed", "{} 封闭");
DT_PHRASE(kEvOpened, "{} open again", "{} 重新开放");
DT_PHRASE(kEvSensor, "sensor {} signals", "传感器 {} 报警");
DT_PHRASE(kEvRecalled, "lift {} recalled to the ground floor", "电梯 {} 迫降至首层");
DT_PHRASE(kEvStopped, "lift {} out of service", "电梯 {} 停止运行");
DT_PHRASE(kEvTrapped, "lift {} stopped: {} trapped", "电梯 {} 停梯困人：{} 人被困");
DT_PHRASE(kEvRescuer, "rescuer at lift {}", "救援人员到达电梯 {}");
DT_PHRASE(kEvReleased, "lift {}: {} released", "电梯 {}：{} 人已解救");
DT_PHRASE(kEvPowerCut, "power cut in {}", "{} 停电");
DT_PHRASE(kEvPowerBack, "power back in {}", "{} 恢复供电");
DT_PHRASE(kEvFlooded, "water in {}", "{} 积水无法通行");
DT_PHRASE(kEvStaff, "staff alerted, setting off", "工作人员已接警出动");
DT_PHRASE(kEvRequest, "{} reported in {}", "{} 报修/求助：{}");
DT_PHRASE(kEvLate, "{} in {}: response target passed", "{} 工单（{}）超过响应时限");
DT_PHRASE(kOutside, "the grounds", "室外公共区域");
DT_PHRASE(kEvRescued, "resident of {} safe with staff", "{} 的行动不便住户由工作人员救出");

std::string after(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : text;
}
std::string first_word(const std::string& text) {
  const std::size_t sp = text.find_first_of(" :");
  return sp == std::string::npos ? text : text.substr(0, sp);
}

}  // namespace

std::string place_text(const std::string& label) {
  std::string out;
  std::size_t start = 0;
  bool first = true;
  while (start <= label.size()) {
    const std::size_t slash = label.find('/', start);
    const std::string part = label.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    std::string said = part;
    if (!first && part.size() >= 2 && std::isdigit(static_cast<unsigned char>(part[1]))) {
      const std::string n = part.substr(1);
      bool digits = true;
      for (const char c : n) digits = digits && std::isdigit(static_cast<unsigned char>(c));
      if (digits) switch (part[0]) {
          case 'F': said = dt::say(kFloorPart, n); break;
          case 'U': said = dt::say(kFlatPart, n); break;
          case 'S': said = dt::say(kStairPart, n); break;
          case 'C': said = dt::say(kCorridorPart, n); break;
          case 'E': said = dt::say(kExitPart, n); break;
          case 'L': said = dt::say(kLiftPart, n); break;
          default: break;
        }
    }
    out += (out.empty() ? "" : " ") + said;
    first = false;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

std::string event_text(const trace::Event& e, const trace::Scene& scene) {
  using dt::say;
  using K = trace::EventKind;
  const auto node = [&]() { return e.subject < scene.nodes.size() ? place_text(scene.nodes[e.subject].label) : e.text; };
  const auto building = [&]() { return e.subject < scene.buildings.size() ? scene.buildings[e.subject].id : e.text; };
  const auto persons = [&]() { return fmt::format("{:g}", std::round(e.value)); };
  switch (e.kind) {
    case K::Alarm: return say(kEvAlarm, after(after(e.text, "alarm in "), "alarm at "));
    case K::Incident: return say(kEvFire, place_text(after(e.text, "fire in ")));
    case K::IncidentCleared: return say(kEvIncidentCleared, e.text);
    case K::NodeHazard:
      if (e.value <= 0) return say(kEvClear, node());
      return e.text.rfind("smoke in ", 0) == 0 ? say(kEvSmoke, node()) : say(kEvClosed, node());
    case K::LinkBlocked: {
      const std::string l = e.subject < scene.links.size() ? place_text(scene.links[e.subject].label) : e.text;
      return e.value > 0 ? say(kEvClosed, l) : say(kEvOpened, l);
    }
    case K::SensorAlarm: return say(kEvSensor, first_word(e.text));
    case K::ElevatorRecalled: return say(kEvRecalled, first_word(e.text));
    case K::ElevatorStopped: return say(kEvStopped, first_word(e.text));
    case K::Entrapment: return say(kEvTrapped, first_word(e.text), persons());
    case K::RescuerOnSite: return say(kEvRescuer, after(e.text, "rescuer at "));
    case K::EntrapmentReleased: return say(kEvReleased, first_word(e.text), persons());
    case K::PowerCut: return say(kEvPowerCut, building());
    case K::PowerRestored: return say(kEvPowerBack, building());
    case K::Flooded: return say(kEvFlooded, node());
    case K::StaffAlerted: return say(kEvStaff);
    case K::ServiceRequest:
    case K::ServiceLate: {
      const std::string where = e.subject < scene.buildings.size() ? scene.buildings[e.subject].id : say(kOutside);
      return e.kind == K::ServiceRequest ? say(kEvRequest, e.text, where) : say(kEvLate, e.text, where);
    }
    case K::Rescued: {
      std::string t = after(e.text, "resident of ");
      const std::size_t end = t.find(" safe");
      return say(kEvRescued, place_text(end == std::string::npos ? t : t.substr(0, end)));
    }
  }
  return e.text;
}

}  // namespace dtv
