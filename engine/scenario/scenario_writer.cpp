#include "engine/scenario/scenario_writer.h"

#include <algorithm>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace dt {

namespace {

bool all_plain_scalars(const YamlNode& seq) {
  return std::all_of(seq.items().begin(), seq.items().end(),
                     [](const YamlNode& n) { return n.is_scalar() && !n.quoted(); });
}

void emit(YAML::Emitter& out, const YamlNode& n) {
  switch (n.kind()) {
    case YamlNode::Kind::Null:
      out << YAML::Null;
      break;
    case YamlNode::Kind::Scalar:
      if (n.quoted()) out << YAML::DoubleQuoted;
      out << n.scalar();
      break;
    case YamlNode::Kind::Sequence:
      if (!n.items().empty() && all_plain_scalars(n)) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const YamlNode& item : n.items()) emit(out, item);
      out << YAML::EndSeq;
      break;
    case YamlNode::Kind::Map:
      out << YAML::BeginMap;
      for (const auto& [key, value] : n.entries()) {
        out << YAML::Key;
        emit(out, key);
        out << YAML::Value;
        emit(out, value);
      }
      out << YAML::EndMap;
      break;
  }
}

}  // namespace

std::string yaml_document_text(const YamlNode& doc) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit(out, doc);
  return std::string(out.c_str()) + "\n";
}

bool set_incident_demand(YamlNode& doc, const std::string& type, const std::array<double, 24>& rate_per_h,
                         const YamlNode& service_time) {
  YamlNode* incidents = doc.find("incidents");
  YamlNode* types = incidents != nullptr ? incidents->find("types") : nullptr;
  if (types == nullptr || !types->is_sequence()) return false;
  for (YamlNode& item : types->items()) {
    const YamlNode* name = item.find("name");
    if (!item.is_map() || name == nullptr || name->scalar() != type) continue;
    YamlNode rebuilt = YamlNode::make_map(item.pos());
    static constexpr std::array<std::string_view, 4> kArrivalKeys = {"per_day", "profile", "rate_per_hour",
                                                                     "profile_per_hour"};
    bool placed = false;
    auto put_rates = [&](const SourcePos& pos) {
      YamlNode list = YamlNode::make_sequence(pos);
      for (const double r : rate_per_h) list.push_back(YamlNode::make_scalar(fmt::format("{:.6g}", r), pos));
      rebuilt.append_entry(YamlNode::make_scalar("profile_per_hour", pos), std::move(list));
      placed = true;
    };
    for (const auto& [key, value] : item.entries()) {
      if (std::find(kArrivalKeys.begin(), kArrivalKeys.end(), key.scalar()) != kArrivalKeys.end()) {
        if (!placed) put_rates(key.pos());
        continue;
      }
      if (key.scalar() == "service_time" && !service_time.is_null())
        rebuilt.append_entry(key, service_time);
      else
        rebuilt.append_entry(key, value);
    }
    if (!placed) put_rates(item.pos());
    if (!service_time.is_null() && rebuilt.find("service_time") == nullptr)
      rebuilt.append_entry(YamlNode::make_scalar("service_time", item.pos()), service_time);
    item = std::move(rebuilt);
    return true;
  }
  return false;
}

}  // namespace dt
