#pragma once
// Helpers for the tests of engine/world: layouts from YAML text or from assets/, networks built
// from them, diagnostics as "line:col: severity: message" strings.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "engine/scenario/layout_loader.h"
#include "engine/world/generator.h"
#include "engine/world/layout_checks.h"

namespace dt::test {

inline LayoutConfig layout_from_yaml(std::string_view text, const std::string& name = "l.yaml") {
  return read_layout(parse_yaml_string(text, name), name);
}

inline LayoutConfig layout_from_asset(const std::string& relative) {
  return load_layout(std::string(DRILLTWIN_SOURCE_DIR) + "/" + relative);
}

/// The generated network; fails the test if generation reports any problem.
inline Network network_of(const LayoutConfig& layout) {
  Diagnostics diag;
  Network net = generate_network(layout, diag);
  for (const Diagnostic& d : diag.all()) ADD_FAILURE() << d.str();
  return net;
}

/// Everything the generator and the checks say, as "line:col: error|warning: message".
inline std::vector<std::string> findings(const LayoutConfig& layout) {
  Diagnostics diag;
  const Network net = generate_network(layout, diag);
  check_layout(layout, net, diag);
  std::vector<std::string> out;
  for (const Diagnostic& d : diag.all()) {
    const char* sev = d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note";
    out.push_back(std::to_string(d.pos.line) + ":" + std::to_string(d.pos.col) + ": " + sev + ": " + d.message);
  }
  return out;
}

inline std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += "\n  " + x;
  return s;
}

/// The node with `label`; fails the test when there is none.
inline const NavNode& node(const Network& net, std::string_view label) {
  const NodeId id = net.graph.find_node(label);
  if (!id.valid()) {
    ADD_FAILURE() << "no node " << label;
    static const NavNode none;
    return none;
  }
  return net.graph.node(id);
}

/// The single link between two labelled nodes; fails the test unless there is exactly one.
inline const NavLink& link_between(const Network& net, std::string_view a, std::string_view b) {
  const NodeId na = net.graph.find_node(a), nb = net.graph.find_node(b);
  const NavLink* found = nullptr;
  int count = 0;
  for (const NavLink& l : net.graph.links())
    if ((l.a == na && l.b == nb) || (l.a == nb && l.b == na)) {
      found = &l;
      ++count;
    }
  if (count != 1 || found == nullptr) {
    ADD_FAILURE() << count << " links between " << a << " and " << b;
    static const NavLink none;
    return none;
  }
  return *found;
}

}  // namespace dt::test
