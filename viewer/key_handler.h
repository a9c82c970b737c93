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

/// One input of --keys: a key, or the left mouse button pressed, dragged to or released at a pixel
/// (column, row from the top-left of the picture).
struct InputAction {
  enum Kind { Key, Press, Drag, Release } kind = Key;
  int key = 0;
  float x = 0, y = 0;
};

/// The inputs of a sequence like "3{Up}{Up} ." (characters stand for themselves; {Up}, {Down},
/// {Left}, {Right}, {PgUp}, {PgDn}, {Home}, {End}, {Tab}, {F1}, {Space} name the others;
/// {Press:X,Y}, {Drag:X,Y}, {Release:X,Y} the left mouse button at pixel X,Y from the top-left),
/// to send in --screenshot mode. Throws UsageError for an unknown {name}.
[[nodiscard]] std::vector<InputAction> parse_keys(const std::string& keys);

/// Mouse orbit, pan and zoom; keys are left to KeyHandler (the stock manipulator homes on space),
/// and so are the mouse events KeyHandler took (a drag on the timeline bar scrubs, it does not orbit).
class OrbitCamera : public osgGA::OrbitManipulator {
 public:
  bool handle(const osgGA::GUIEventAdapter& ea, osgGA::GUIActionAdapter& aa) override {
    return ea.getHandled() ? false : osgGA::OrbitManipulator::handle(ea, aa);
  }
  using osgGA::OrbitManipulator::handle;

 protected:
  bool handleKeyDown(const osgGA::GUIEventAdapter&, osgGA::GUIActionAdapter&) override { return false; }
};

}  // namespace dtv
