#include "viewer/hud_font.h"

#include <cstdio>
#include <filesystem>
#include <sstream>

#include <fmt/format.h>
#include <osgDB/Options>
#include <osgText/Font>

namespace dtv {

namespace {

DT_PHRASE(
    kNoChineseFont,
    "drilltwin-view: warning: no font with Chinese characters found (fontconfig: fc-match '{}'); the HUD "
    "uses its English font and Chinese text shows as boxes. Install one, e.g. apt-get install fonts-noto-cjk",
    "drilltwin-view：警告：未找到含中文字符的字体（fontconfig：fc-match '{}'）；HUD 改用英文字体，中文将显示为方框。"
    "请安装中文字体，例如 apt-get install fonts-noto-cjk");
DT_PHRASE(kFontUnreadable, "drilltwin-view: warning: cannot read the font {} (face {}); the HUD uses its English font",
          "drilltwin-view：警告：无法读取字体 {}（字面 {}）；HUD 改用英文字体");

osg::ref_ptr<osgText::Font> dejavu(const char* file) {
  const std::string path = std::string("/usr/share/fonts/truetype/dejavu/") + file;
  std::error_code ec;
  if (std::filesystem::exists(path, ec))
    if (osg::ref_ptr<osgText::Font> f = osgText::readRefFontFile(path)) return f;
  return osgText::Font::getDefaultFont();  // built in: no font files needed
}

// A face of a font file; the freetype plugin takes the face of a collection as "index".
osg::ref_ptr<osgText::Font> read_face(const FontFace& face) {
  osg::ref_ptr<osgDB::Options> options = new osgDB::Options;
  options->setPluginStringData("index", std::to_string(face.index));
  options->setObjectCacheHint(osgDB::Options::CACHE_NONE);  // two faces of one file stay two fonts
  return osgText::readRefFontFile(face.file, options.get());
}

}  // namespace

std::optional<FontFace> find_font(const std::string& pattern, const std::string& lang) {
  // The pattern is ours (no user text reaches the shell); fc-match's answer: file, face, languages.
  const std::string command = "fc-match -f '%{file}\\n%{index}\\n%{lang}\\n' '" + pattern + "' 2>/dev/null";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  if (::pclose(pipe) != 0) return std::nullopt;
  std::istringstream lines(out);
  std::string file, index, langs;
  if (!std::getline(lines, file) || !std::getline(lines, index) || !std::getline(lines, langs)) return std::nullopt;
  bool covers = false;
  std::istringstream each(langs);
  for (std::string l; std::getline(each, l, '|');) covers = covers || l == lang;
  std::error_code ec;
  if (!covers || file.empty() || !std::filesystem::exists(file, ec)) return std::nullopt;
  FontFace face{file, 0};
  try {
    face.index = std::stoi(index);
  } catch (const std::exception&) {
    face.index = 0;
  }
  return face;
}

const HudFonts& hud_fonts(dt::Lang lang) {
  static const HudFonts fonts = [lang] {
    HudFonts f;
    f.text = dejavu("DejaVuSans.ttf");
    f.mono = dejavu("DejaVuSansMono.ttf");
    if (lang != dt::Lang::ZhCN) return f;
    // zh-cn, not zh: fontconfig has no language "zh", and on Debian 12 `fc-match ':lang=zh'` answers
    // DejaVu Sans, which has no Chinese characters.
    const std::string pattern = ":lang=zh-cn";
    const std::optional<FontFace> text = find_font(pattern, "zh-cn");
    if (!text) {
      fmt::print(stderr, "{}\n", dt::say(kNoChineseFont, pattern));
      return f;
    }
    osg::ref_ptr<osgText::Font> t = read_face(*text);
    if (!t) {
      fmt::print(stderr, "{}\n", dt::say(kFontUnreadable, text->file, text->index));
      return f;
    }
    f.text = t;
    f.mono = t;  // a proportional face for the key help when there is no monospaced one
    if (const std::optional<FontFace> mono = find_font(pattern + ":spacing=mono", "zh-cn"))
      if (osg::ref_ptr<osgText::Font> m = read_face(*mono)) f.mono = m;
    f.chinese = true;
    return f;
  }();
  return fonts;
}

}  // namespace dtv
