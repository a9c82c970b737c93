#pragma once
// The keys of the interactive viewer (the help overlay and docs/viewer.md list them), and an orbit
// manipulator that leaves the space bar to play/pause.

#include <osgGA/GUIEventHandler>
#include <osgGA/OrbitManipulator>

#include <string>
#include <vector>

#include "viewer/viewer_app.h"

namespace dtv {

class KeyHandler : public osgGA::GUIEventHandler {
 public:
  explicit KeyHandler(ViewerApp& app) : app_(app) {}
  bool handle(const osgGA::GUIEventAdapter& ea, osgGA::GUIActionAdapter& aa) override;
  using osgGA::GUIEventHandler::handle;

 private:
  ViewerApp& app_;
};

/// Key codes for a sequence like "3{Up}{Up} ." (characters stand for themselves; {Up}, {Down},
/// {Left}, {Right}, {PgUp}, {PgDn}, {Home}, {End}, {Tab}, {F1}, {Space} name the others), to press
/// keys in --screenshot mode. Throws UsageError for an unknown {name}.
[[nodiscard]] std::vector<int> parse_keys(const std::string& keys);

/// Mouse orbit, pan and zoom; keys are left to KeyHandler (the stock manipulator homes on space).
class OrbitCamera : public osgGA::OrbitManipulator {
 protected:
  bool handleKeyDown(const osgGA::GUIEventAdapter&, osgGA::GUIActionAdapter&) override { return false; }
};

}  // namespace dtv
