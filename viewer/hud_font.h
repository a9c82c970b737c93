#pragma once
// The fonts of the head-up display. English: DejaVu Sans for the lines and the legend, DejaVu Sans
// Mono for the key help (OSG's built-in font where DejaVu is missing). Chinese (--lang zh-CN): the
// font fontconfig finds for Simplified Chinese at run time (`fc-match ':lang=zh-cn'`, e.g. Noto
// Sans CJK SC from fonts-noto-cjk) and its monospaced face for the key help; never a path written
// into the program. Without such a font the English fonts are used and a warning says what to
// install: Chinese characters then show as empty boxes.

#include <optional>
#include <string>

#include <osgText/Font>

#include "engine/kernel/lang.h"

namespace dtv {

struct HudFonts {
  osg::ref_ptr<osgText::Font> text;  ///< HUD lines and legend
  osg::ref_ptr<osgText::Font> mono;  ///< the key help, set in columns
  bool chinese = false;              ///< the fonts have Chinese glyphs
};

/// The fonts for `lang`, loaded at the first call (later calls return the same fonts).
[[nodiscard]] const HudFonts& hud_fonts(dt::Lang lang);

/// A font file fontconfig chose: the file and the face within it (a .ttc holds several).
struct FontFace {
  std::string file;
  int index = 0;
};

/// The font `fc-match` gives for `pattern` (e.g. ":lang=zh-cn:spacing=mono") if it covers the
/// language `lang` ("zh-cn"); nothing when fontconfig is not installed or its best match lacks the
/// language (fc-match always answers with something, e.g. DejaVu Sans).
[[nodiscard]] std::optional<FontFace> find_font(const std::string& pattern, const std::string& lang);

}  // namespace dtv
