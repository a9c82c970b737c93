#include "engine/scenario/yaml_tree.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <new>
#include <optional>
#include <sstream>
#include <unordered_map>

#include "engine/kernel/assert.h"
#include "engine/kernel/lang.h"
#include "engine/kernel/suggest.h"
#include "engine/kernel/system_error_text.h"

namespace dt {

namespace {
DT_PHRASE(kKindNull, "nothing (null)", "空值（null）");
DT_PHRASE(kKindScalar, "a number/text", "数字或文本");
DT_PHRASE(kKindList, "a list", "列表");
DT_PHRASE(kKindMap, "a mapping", "映射");
DT_PHRASE(kNulByte, "unexpected NUL byte", "意外的 NUL 字节");
DT_PHRASE(kControlChar, "unexpected control character {}", "意外的控制字符 {}");
DT_PHRASE(kControlCharBare, "unexpected control character", "意外的控制字符");
DT_PHRASE(kUnexpectedByte, "unexpected byte {}", "意外的字节 {}");
DT_PHRASE(kUtf16, "file is not a text (UTF-8) file: it is saved as UTF-16 or UTF-32; save it as UTF-8",
          "文件不是文本（UTF-8）文件：它以 UTF-16 或 UTF-32 保存；请另存为 UTF-8");
DT_PHRASE(kNotText, "file is not a text (UTF-8) file: {}", "文件不是文本（UTF-8）文件：{}");
DT_PHRASE(kFifo, "a named pipe (FIFO)", "命名管道（FIFO）");
DT_PHRASE(kCharDevice, "a character device", "字符设备");
DT_PHRASE(kBlockDevice, "a block device", "块设备");
DT_PHRASE(kSocket, "a socket", "套接字");
DT_PHRASE(kNotAFile, "not a file", "不是文件");
DT_PHRASE(kNotRegular, "{}, not a regular file", "{}，不是普通文件");
DT_PHRASE(kTooLargeFile, "the file is larger than 64 MiB; is it really a YAML file?", "文件大于 64 MiB；它真的是 YAML 文件吗？");
DT_PHRASE(kUnknownTag, "unknown tag '{}': the only tag drilltwin understands is !include (put text that starts with '!' in quotes)",
          "未知的标签 '{}'：drilltwin 只认识 !include 这一个标签（以 '!' 开头的文本请加引号）");
DT_PHRASE(kSelfReference, "'*{}' is used inside the node that '&{}' marks; such self-referencing structures are not supported",
          "'*{}' 被用在 '&{}' 所标记的节点内部；不支持这种自引用结构");
DT_PHRASE(kNestedTooDeeplyN, "the document is nested too deeply (more than {} lists and mappings inside each other)",
          "文档嵌套过深（超过 {} 层相互嵌套的列表和映射）");
DT_PHRASE(kIncludeNeedsName, "!include needs a file name, e.g. layout: !include ../assets/compound.yaml",
          "!include 需要一个文件名，例如 layout: !include ../assets/compound.yaml");
DT_PHRASE(kKeyMissing, "a key is missing: write a name before the ':'", "缺少键：请在 ':' 前写上名称");
DT_PHRASE(kKeyNotSimple, "a key must be a simple name, not {}", "键必须是简单的名称，而不是{}");
DT_PHRASE(kLineNumber, "line {}", "第 {} 行");
DT_PHRASE(kDuplicateKey, "duplicate key '{}' (first given at {})", "重复的键 '{}'（首次出现在{}）");
DT_PHRASE(kMergeUsage, "'<<' merges the settings of another mapping: write '<<: *name' where '&name' marks a mapping (found {})",
          "'<<' 用于合并另一个映射的设置：请写 '<<: *name'，其中 '&name' 标记一个映射（实际为{}）");
DT_PHRASE(kCannotOpen, "cannot open {} '{}' ({})", "无法打开{} '{}'（{}）");
DT_PHRASE(kYamlOnly, "!include reads YAML files (named *.yaml or *.yml), and this is not one",
          "!include 只读取 YAML 文件（名为 *.yaml 或 *.yml），而这个不是");
DT_PHRASE(kCannotInclude, "cannot include '{}': {}", "无法包含 '{}'：{}");
DT_PHRASE(kIncludeOutside, "cannot include '{}' (resolved to {}): it is outside {}, {}; an included file must lie in that folder or below it{}",
          "无法包含 '{}'（解析为 {}）：它位于 {} 之外（{}）；被包含的文件必须位于该文件夹或其子文件夹中{}");
DT_PHRASE(kIncludeOutsideMarked, " (or run with --allow-include-outside)", "（或使用 --allow-include-outside 运行）");
DT_PHRASE(kIncludeOutsideHint, ": move it there, put an empty .drilltwin-root file in a folder above both, or run with --allow-include-outside",
          "：请把它移到那里，或在两者共同的上级文件夹中放一个空的 .drilltwin-root 文件，或使用 --allow-include-outside 运行");
DT_PHRASE(kIncludeLink, "cannot include '{}' (a link to {}): {}", "无法包含 '{}'（指向 {} 的链接）：{}");
DT_PHRASE(kCannotOpenIncluded, "cannot open included file '{}' (resolved to {}): {}", "无法打开被包含的文件 '{}'（解析为 {}）：{}");
DT_PHRASE(kIncludeCycle, "include cycle: {}", "循环包含：{}");
DT_PHRASE(kIncludeTooDeep, "files include each other more than {} levels deep", "文件相互包含超过 {} 层");
DT_PHRASE(kIncludedHere, "in the file included here", "在此处包含的文件中");
DT_PHRASE(kTooManyValues, "the document is too large (more than {} values, counting every copy that aliases make)",
          "文档过大（超过 {} 个值，含别名产生的每一份副本）");
DT_PHRASE(kIncludeForKey, "!include cannot be used for a key", "!include 不能用作键");
DT_PHRASE(kUnterminatedQuoteChar, "unterminated quoted text: the closing {} is missing", "引号文本未结束：缺少结尾的 {}");
DT_PHRASE(kTabs, "tabs are not allowed for indentation in YAML; use spaces", "YAML 不允许用制表符缩进；请使用空格");
DT_PHRASE(kListNotClosed, "a list opened with '[' is not closed: add the missing ']'", "以 '[' 开始的列表没有闭合：请补上缺少的 ']'");
DT_PHRASE(kMapNotClosed, "a mapping opened with '{' is not closed: add the missing '}'", "以 '{' 开始的映射没有闭合：请补上缺少的 '}'");
DT_PHRASE(kEndOfMap, "this line does not fit the mapping above it: check its indentation (the keys of one mapping start in the same column)",
          "这一行与上方的映射不匹配：请检查缩进（同一映射的键从同一列开始）");
DT_PHRASE(kEndOfSeq, "this line does not fit the list above it: check its indentation (the items of one list start with '-' in the same column)",
          "这一行与上方的列表不匹配：请检查缩进（同一列表的各项以 '-' 开头且位于同一列）");
DT_PHRASE(kMapValue, "unexpected ':' here: a value cannot hold 'key: value' on the same line; put nested settings on their own indented lines, or quote text that contains ': '",
          "此处不应出现 ':'：值不能在同一行中包含 'key: value'；请把嵌套的设置写在各自缩进的行上，或给含有 ': ' 的文本加引号");
DT_PHRASE(kMapKey, "unexpected key here: check the indentation", "此处不应出现键：请检查缩进");
DT_PHRASE(kBlockEntry, "unexpected list item ('-') here: start a list on a new line, indented under its key, or write it as [a, b]",
          "此处不应出现列表项（'-'）：请在新的一行、在其键下缩进开始列表，或写成 '[a, b]'");
DT_PHRASE(kFlowEnd, "unexpected closing bracket: there is no '[' or '{' for it to close", "多余的右括号：没有与之对应的 '[' 或 '{'");
DT_PHRASE(kEofInScalar, "unterminated quoted text: the closing quote is missing", "引号文本未结束：缺少结尾的引号");
DT_PHRASE(kDocInScalar, "a '---' or '...' line inside quoted text: the closing quote is probably missing",
          "引号文本中出现了 '---' 或 '...' 行：可能缺少结尾的引号");
DT_PHRASE(kUnknownAnchor, "'*{}' refers to an anchor '&{}' that is not defined before it", "'*{}' 引用的锚点 '&{}' 在此之前没有定义");
DT_PHRASE(kUnexpectedAtBacktick, "unexpected '{}': text that starts with '@' or '`' must be put in quotes",
          "意外的 '{}'：以 '@' 或 '`' 开头的文本必须加引号");
DT_PHRASE(kUnexpectedChar, "unexpected character here", "此处有意外的字符");
DT_PHRASE(kUnknownEscape, "unknown escape sequence '\\{}' in double-quoted text: write '\\\\' for a backslash, or use single quotes",
          "双引号文本中有未知的转义序列 '\\{}'：反斜杠请写成 '\\\\'，或改用单引号");
DT_PHRASE(kInvalidYaml, "invalid YAML: {}", "无效的 YAML：{}");
DT_PHRASE(kNestedTooDeeply, "the document is nested too deeply (lists and mappings inside each other)",
          "文档嵌套过深（列表和映射相互嵌套的层数过多）");
DT_PHRASE(kBracketHere, "the '[' is here", "'[' 在这里");
DT_PHRASE(kBraceHere, "the '{' is here", "'{' 在这里");
DT_PHRASE(kSecondDocument, "a second YAML document starts here: a file holds one document (remove the '---' line)",
          "此处开始了第二个 YAML 文档：一个文件只能包含一个文档（请删除 '---' 行）");
DT_PHRASE(kTextAfterEnd, "unexpected text after the end of the document: check the brackets", "文档结束后还有多余的文本：请检查括号");
DT_PHRASE(kEmptyYaml, "file is empty: expected YAML content", "文件为空：应包含 YAML 内容");
DT_PHRASE(kEmptySettings, "file is empty: expected a mapping of settings", "文件为空：应包含设置的映射");
DT_PHRASE(kTheText, "the text '{}'", "文本 '{}'");
DT_PHRASE(kExpectedTopMapping, "expected a mapping of settings (key: value lines) at the top level, found {}",
          "顶层应为设置的映射（每行 'key: value'），实际为{}");
DT_PHRASE(kNoMemory, "not enough memory to read this file", "内存不足，无法读取此文件");
DT_PHRASE(kCouldNotRead, "could not read this file: {}", "无法读取此文件：{}");
DT_PHRASE(kFolderOfRole, "the folder of the {}", "{}所在的文件夹");
DT_PHRASE(kFolderMarked, "the folder marked by its {} file", "由其中的 {} 文件标记的文件夹");
DT_PHRASE(kRoleScenario, "scenario file", "场景文件");
DT_PHRASE(kRoleLayout, "layout file", "布局文件");

/// A file role ("scenario file", "layout file") in the current language.
std::string role_words(const std::string& role) {
  if (role == kRoleScenario.en) return say(kRoleScenario);
  if (role == kRoleLayout.en) return say(kRoleLayout);
  return role;
}
DT_PHRASE(kSetNoEquals, "invalid --set '{}': expected KEY=VALUE, e.g. --set dispatch.strategy=nearest",
          "无效的 --set '{}'：应为 KEY=VALUE，例如 --set dispatch.strategy=nearest");
DT_PHRASE(kSetEmptyKey, "invalid --set '{}': the key before '=' is empty", "无效的 --set '{}'：'=' 前的键为空");
DT_PHRASE(kSetEmptyName, "invalid --set '{}': empty name in the key (two dots, or a dot at an end)",
          "无效的 --set '{}'：键中有空的名称（连续两个点，或点在首尾）");
DT_PHRASE(kSetNoValue, "invalid --set '{}': no value after '=' (write \"\" for empty text)",
          "无效的 --set '{}'：'=' 后没有值（空文本请写 \"\"）");
DT_PHRASE(kInSet, "in --set '{}'", "在 --set '{}' 中");
DT_PHRASE(kTheScenario, "the scenario", "场景");
DT_PHRASE(kSetItems, "cannot set '{}': {} has {} items (numbered from 0)", "无法设置 '{}'：{} 只有 {} 项（从 0 开始编号）");
DT_PHRASE(kSetNotMapping, "cannot set '{}': {} is {} (given at {}), not a mapping", "无法设置 '{}'：{} 是{}（在 {} 给出），不是映射");
}  // namespace

// ------------------------------------------------------------------------------------------------
// YamlNode

YamlNode YamlNode::make_null(SourcePos pos) {
  YamlNode n;
  n.pos_ = std::move(pos);
  return n;
}

YamlNode YamlNode::make_scalar(std::string text, SourcePos pos, bool quoted) {
  YamlNode n;
  n.kind_ = Kind::Scalar;
  n.text_ = std::move(text);
  n.quoted_ = quoted;
  n.pos_ = std::move(pos);
  return n;
}

YamlNode YamlNode::make_sequence(SourcePos pos) {
  YamlNode n;
  n.kind_ = Kind::Sequence;
  n.pos_ = std::move(pos);
  return n;
}

YamlNode YamlNode::make_map(SourcePos pos) {
  YamlNode n;
  n.kind_ = Kind::Map;
  n.pos_ = std::move(pos);
  return n;
}

std::size_t YamlNode::size() const {
  if (kind_ == Kind::Sequence) return items_.size();
  if (kind_ == Kind::Map) return entries_.size();
  return 0;
}

const YamlNode::Entry* YamlNode::find_entry(std::string_view key) const {
  for (const Entry& e : entries_) {
    if (e.first.text_ == key) return &e;
  }
  return nullptr;
}

const YamlNode* YamlNode::find(std::string_view key) const {
  const Entry* e = find_entry(key);
  return e != nullptr ? &e->second : nullptr;
}

YamlNode* YamlNode::find(std::string_view key) {
  for (Entry& e : entries_) {
    if (e.first.text_ == key) return &e.second;
  }
  return nullptr;
}

YamlNode& YamlNode::set(std::string_view key, YamlNode value, const SourcePos& key_pos) {
  DT_ASSERT(kind_ == Kind::Map, "YamlNode::set on a node that is not a mapping");
  if (YamlNode* existing = find(key)) {
    *existing = std::move(value);
    return *existing;
  }
  entries_.emplace_back(make_scalar(std::string(key), key_pos), std::move(value));
  return entries_.back().second;
}

void YamlNode::append_entry(YamlNode key, YamlNode value) {
  DT_ASSERT(kind_ == Kind::Map, "YamlNode::append_entry on a node that is not a mapping");
  DT_ASSERT(key.is_scalar(), "mapping keys are scalars");
  entries_.emplace_back(std::move(key), std::move(value));
}

void YamlNode::push_back(YamlNode item) {
  DT_ASSERT(kind_ == Kind::Sequence, "YamlNode::push_back on a node that is not a list");
  items_.push_back(std::move(item));
}

std::string YamlNode::kind_name() const {
  switch (kind_) {
    case Kind::Null: return say(kKindNull);
    case Kind::Scalar: return say(kKindScalar);
    case Kind::Sequence: return say(kKindList);
    case Kind::Map: return say(kKindMap);
  }
  return "?";
}

namespace {

void dump_to(const YamlNode& n, std::string& out) {
  switch (n.kind()) {
    case YamlNode::Kind::Null: out += '~'; break;
    case YamlNode::Kind::Scalar:
      if (!n.quoted()) {
        out += n.scalar();
        break;
      }
      out += '"';
      for (char c : n.scalar()) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
          out += "\\n";
          continue;
        }
        out += c;
      }
      out += '"';
      break;
    case YamlNode::Kind::Sequence: {
      out += '[';
      bool first = true;
      for (const YamlNode& item : n.items()) {
        if (!first) out += ", ";
        first = false;
        dump_to(item, out);
      }
      out += ']';
      break;
    }
    case YamlNode::Kind::Map: {
      out += '{';
      bool first = true;
      for (const auto& [key, value] : n.entries()) {
        if (!first) out += ", ";
        first = false;
        dump_to(key, out);
        out += ": ";
        dump_to(value, out);
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

std::string YamlNode::dump() const {
  std::string out;
  dump_to(*this, out);
  return out;
}

// ------------------------------------------------------------------------------------------------
// Loading

namespace {

constexpr std::size_t kMaxIncludeDepth = 16;       // files including files
constexpr std::size_t kMaxNesting = 256;           // lists/mappings inside each other, across includes
constexpr std::size_t kMaxNodes = 1'000'000;       // values after expanding aliases (a "billion laughs" guard)
constexpr std::size_t kMaxFileBytes = 64u << 20;   // nobody writes a 64 MiB scenario by hand

/// The text of one input with its line table, to turn byte offsets into 1-based line:col.
/// Columns count characters (UTF-8 code points), as editors show them.
class SourceText {
 public:
  SourceText(std::string name, std::string text) : name_(std::move(name)), text_(std::move(text)) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] const std::string& text() const { return text_; }
  [[nodiscard]] SourcePos file() const { return SourcePos{name_, 0, 0}; }

  [[nodiscard]] SourcePos at(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - 1;
    int col = 1;
    for (std::size_t i = *it; i < offset; ++i) {
      if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
    }
    return SourcePos{name_, static_cast<int>(it - line_starts_.begin()) + 1, col};
  }

  /// yaml-cpp marks: `pos` is the byte offset (its column counts bytes, and some errors carry a
  /// bogus line); a null or out-of-range mark means "at the end".
  [[nodiscard]] SourcePos at(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size()) {
      return end_of_content();
    }
    return at(static_cast<std::size_t>(mark.pos));
  }

  [[nodiscard]] bool at_end(const YAML::Mark& mark) const {
    return mark.is_null() || mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size();
  }

  /// Just after the last character that is not white space (where "missing ']'" belongs).
  [[nodiscard]] SourcePos end_of_content() const {
    std::size_t i = text_.size();
    while (i > 0 && (text_[i - 1] == ' ' || text_[i - 1] == '\t' || text_[i - 1] == '\n' || text_[i - 1] == '\r')) --i;
    return at(i);
  }

  /// The text of 1-based line `line` without its line break.
  [[nodiscard]] std::string_view line(int line_no) const {
    if (line_no < 1 || static_cast<std::size_t>(line_no) > line_starts_.size()) return {};
    const std::size_t begin = line_starts_[static_cast<std::size_t>(line_no - 1)];
    std::size_t end = text_.find('\n', begin);
    if (end == std::string::npos) end = text_.size();
    if (end > begin && text_[end - 1] == '\r') --end;
    return std::string_view(text_).substr(begin, end - begin);
  }

 private:
  std::string name_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
};

std::string hex_byte(unsigned char c) {
  static const char* digits = "0123456789ABCDEF";
  std::string s = "0x";
  s += digits[c >> 4];
  s += digits[c & 0xF];
  return s;
}

struct NonText {
  std::size_t offset;
  std::string what;
};

/// The first byte that makes `s` something other than UTF-8 text as YAML allows it (no NUL, no
/// control characters other than tab and line breaks, well-formed UTF-8).
std::optional<NonText> find_non_text(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == 0) return NonText{i, say(kNulByte)};
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
        return NonText{i, say(kControlChar, hex_byte(c))};
      }
      ++i;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    std::uint32_t min = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1Fu, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0Fu, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07u, min = 0x10000;
    } else {
      return NonText{i, say(kUnexpectedByte, hex_byte(c))};
    }
    if (i + len > s.size()) return NonText{i, say(kUnexpectedByte, hex_byte(c))};
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return NonText{i, say(kUnexpectedByte, hex_byte(c))};
      cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return NonText{i, say(kUnexpectedByte, hex_byte(c))};
    }
    if (cp >= 0x80 && cp <= 0x9F && cp != 0x85) return NonText{i, say(kControlCharBare)};
    i += len;
  }
  return std::nullopt;
}

/// Checks that `raw` is UTF-8 text and prepares it for yaml-cpp: drops a UTF-8 byte-order mark and
/// turns lone CR line breaks (old Mac files), which yaml-cpp does not count as line breaks, into LF.
SourceText prepare_text(const std::string& name, std::string raw) {
  const auto starts_with = [&raw](std::string_view prefix) {
    return raw.size() >= prefix.size() && std::string_view(raw).substr(0, prefix.size()) == prefix;
  };
  using namespace std::string_view_literals;
  if (starts_with("\xFF\xFE"sv) || starts_with("\xFE\xFF"sv) || starts_with("\x00\x00\xFE\xFF"sv)) {
    throw InputError(SourcePos{name, 0, 0}, say(kUtf16));
  }
  if (starts_with("\xEF\xBB\xBF"sv)) raw.erase(0, 3);
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r' && (i + 1 == raw.size() || raw[i + 1] != '\n')) raw[i] = '\n';
  }
  SourceText src(name, std::move(raw));
  if (const auto bad = find_non_text(src.text())) {
    throw InputError(src.at(bad->offset), say(kNotText, bad->what));
  }
  return src;
}

/// What a path that is not a regular file is, in words ("a named pipe (FIFO)").
std::string file_kind(mode_t mode) {
  if (S_ISFIFO(mode)) return say(kFifo);
  if (S_ISCHR(mode)) return say(kCharDevice);
  if (S_ISBLK(mode)) return say(kBlockDevice);
  if (S_ISSOCK(mode)) return say(kSocket);
  return say(kNotAFile);
}

/// Reads a whole regular file; on failure returns the reason (strerror text, or what the path is
/// when it is not a regular file). A FIFO, a device or a socket is refused before it is opened for
/// reading: open() on a FIFO blocks until a writer comes, and /dev/zero never ends.
std::optional<std::string> read_file(const std::string& path, std::string& out) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return system_error_text(errno);
  if (S_ISDIR(st.st_mode)) return system_error_text(EISDIR);
  if (!S_ISREG(st.st_mode)) return say(kNotRegular, file_kind(st.st_mode));
  if (static_cast<std::uintmax_t>(st.st_size) > kMaxFileBytes)
    return say(kTooLargeFile);
  // O_NONBLOCK: should the path have become a FIFO since stat(), open() still returns at once, and
  // fstat() below tells. It does not change how a regular file is read.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return system_error_text(errno);
  const std::unique_ptr<int, void (*)(int*)> closer(new int(fd), [](int* p) {
    ::close(*p);
    delete p;
  });
  struct stat opened {};
  if (::fstat(fd, &opened) != 0) return system_error_text(errno);
  if (S_ISDIR(opened.st_mode)) return system_error_text(EISDIR);
  if (!S_ISREG(opened.st_mode)) return say(kNotRegular, file_kind(opened.st_mode));
  char buf[1 << 16];
  out.clear();
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return system_error_text(errno);
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > kMaxFileBytes) return say(kTooLargeFile);
  }
  return std::nullopt;
}

std::string tag_for_humans(const std::string& tag) {
  const std::string core = "tag:yaml.org,2002:";
  if (tag.rfind(core, 0) == 0) return "!!" + tag.substr(core.size());
  return tag;
}

enum class TagUse { Plain, Text, Include, Unknown };

TagUse classify_tag(const std::string& tag) {
  if (tag.empty() || tag == "?") return TagUse::Plain;
  if (tag == "!") return TagUse::Text;  // yaml-cpp's tag for quoted and block scalars
  if (tag == "!include") return TagUse::Include;
  if (tag == "tag:yaml.org,2002:str") return TagUse::Text;
  if (tag.rfind("tag:yaml.org,2002:", 0) == 0) return TagUse::Plain;
  return TagUse::Unknown;
}

std::string unknown_tag_message(const std::string& tag) {
  return say(kUnknownTag, tag_for_humans(tag));
}

std::size_t count_nodes(const YamlNode& n) {
  std::size_t count = 1;
  for (const YamlNode& item : n.items()) count += count_nodes(item);
  for (const auto& [key, value] : n.entries()) count += 1 + count_nodes(value);
  return count;
}

/// The name written after '&' or '*' at `offset`.
std::string anchor_name_at(const std::string& text, std::size_t offset) {
  std::size_t end = offset + 1;
  while (end < text.size() && text[end] != ' ' && text[end] != '\t' && text[end] != '\n' && text[end] != '\r' &&
         text[end] != ',' && text[end] != ']' && text[end] != '}') {
    ++end;
  }
  return offset < text.size() ? text.substr(offset + 1, end - offset - 1) : std::string();
}

class Loader;

/// Builds a YamlNode tree from yaml-cpp's parse events for one file. Problems that leave the rest of
/// the file readable (duplicate keys, unknown tags, a bad include) are collected in `diag`; problems
/// that stop reading are thrown as InputError.
class Builder final : public YAML::EventHandler {
 public:
  Builder(Loader& loader, const SourceText& src, std::size_t nesting_base, Diagnostics& diag)
      : loader_(loader), src_(src), nesting_base_(nesting_base), diag_(diag) {}

  [[nodiscard]] bool has_root() const { return have_root_; }
  [[nodiscard]] YamlNode take_root() { return std::move(root_); }

  /// The '[' or '{' that is still open when yaml-cpp reports a missing ']' or '}'.
  [[nodiscard]] std::optional<SourcePos> innermost_open_flow(YamlNode::Kind kind) const {
    for (auto it = stack_.rbegin(); it != stack_.rend(); ++it) {
      if (it->flow && it->node.kind() == kind) return it->node.pos();
    }
    return std::nullopt;
  }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    // yaml-cpp marks `key:` (nothing after it) at the next token, often on a later line: the key
    // is where the planner wrote it.
    SourcePos pos = in_value_position() ? stack_.back().key.pos() : src_.at(mark);
    name_anchor(anchor);
    count(1, pos);
    add(YamlNode::make_null(std::move(pos)), anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const SourcePos pos = src_.at(mark);
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end()) {
      const auto name = names_.find(anchor);
      const std::string shown = name != names_.end() ? name->second : "?";
      diag_.error(pos, say(kSelfReference, shown, shown));
      add(YamlNode::make_null(pos), YAML::NullAnchor);
      return;
    }
    count(it->second.count, pos);
    YamlNode copy = it->second.node;
    copy.set_pos(pos);
    add(std::move(copy), YAML::NullAnchor);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override;

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value style) override {
    open(YamlNode::make_sequence(src_.at(mark)), tag, anchor, style);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(YamlNode::make_map(src_.at(mark)), tag, anchor, style);
  }
  void OnMapEnd() override { close(); }

  void OnAnchor(const YAML::Mark&, const std::string& anchor_name) override { pending_anchor_name_ = anchor_name; }

 private:
  struct Frame {
    YamlNode node;  // the Sequence or Map being built
    YAML::anchor_t anchor = YAML::NullAnchor;
    bool flow = false;
    bool have_key = false;
    YamlNode key;                                         // key waiting for its value
    std::unordered_map<std::string, std::size_t> index;  // key -> entry, to catch duplicates
    std::vector<YamlNode> merges;                         // values of `<<` entries, in order
  };
  struct Anchored {
    YamlNode node;
    std::size_t count = 0;
  };

  [[nodiscard]] bool in_value_position() const {
    return !stack_.empty() && stack_.back().node.is_map() && stack_.back().have_key;
  }
  [[nodiscard]] bool in_key_position() const {
    return !stack_.empty() && stack_.back().node.is_map() && !stack_.back().have_key;
  }

  void name_anchor(YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) names_[anchor] = pending_anchor_name_;
  }

  void count(std::size_t n, const SourcePos& pos);

  void open(YamlNode node, const std::string& tag, YAML::anchor_t anchor, YAML::EmitterStyle::value style) {
    if (nesting_base_ + stack_.size() >= kMaxNesting) {
      throw InputError(node.pos(), say(kNestedTooDeeplyN, kMaxNesting));
    }
    const TagUse use = classify_tag(tag);
    if (use == TagUse::Include) {
      diag_.error(node.pos(), say(kIncludeNeedsName));
    } else if (use == TagUse::Unknown) {
      diag_.error(node.pos(), unknown_tag_message(tag));
    }
    name_anchor(anchor);
    count(1, node.pos());
    Frame f;
    f.node = std::move(node);
    f.anchor = anchor;
    f.flow = style == YAML::EmitterStyle::Flow;
    stack_.push_back(std::move(f));
  }

  void close() {
    DT_ASSERT(!stack_.empty(), "yaml-cpp ended a collection that was not started");
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    apply_merges(f);
    add(std::move(f.node), f.anchor);
  }

  void add(YamlNode node, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) {
      const std::size_t n = count_nodes(node);
      anchors_[anchor] = Anchored{node, n};
    }
    if (stack_.empty()) {
      if (!have_root_) root_ = std::move(node);
      have_root_ = true;
      return;
    }
    Frame& f = stack_.back();
    if (f.node.is_sequence()) {
      f.node.push_back(std::move(node));
      return;
    }
    if (!f.have_key) {
      f.key = std::move(node);
      f.have_key = true;
      return;
    }
    f.have_key = false;
    add_entry(f, std::move(f.key), std::move(node));
  }

  void add_entry(Frame& f, YamlNode key, YamlNode value) {
    if (key.is_null()) {
      diag_.error(key.pos(), say(kKeyMissing));
      return;
    }
    if (!key.is_scalar()) {
      diag_.error(key.pos(), say(kKeyNotSimple, key.kind_name()));
      return;
    }
    if (!key.quoted() && key.scalar() == "<<") {
      f.merges.push_back(std::move(value));
      return;
    }
    const auto [it, inserted] = f.index.emplace(key.scalar(), f.node.entries().size());
    if (!inserted) {
      const SourcePos& first = f.node.entries()[it->second].first.pos();
      const std::string where = first.file == key.pos().file ? say(kLineNumber, first.line) : first.str();
      diag_.error(key.pos(), say(kDuplicateKey, key.scalar(), where));
      return;
    }
    f.node.append_entry(std::move(key), std::move(value));
  }

  void merge_from(Frame& f, const YamlNode& source) {
    for (const auto& [key, value] : source.entries()) {
      if (f.index.emplace(key.scalar(), f.node.entries().size()).second) {
        count(1 + count_nodes(value), key.pos());
        f.node.append_entry(key, value);
      }
    }
  }

  void apply_merges(Frame& f) {
    for (const YamlNode& m : f.merges) {
      if (m.is_map()) {
        merge_from(f, m);
      } else if (m.is_sequence()) {
        for (const YamlNode& item : m.items()) {
          if (item.is_map()) {
            merge_from(f, item);
          } else {
            diag_.error(item.pos(), say(kMergeUsage, item.kind_name()));
          }
        }
      } else {
        diag_.error(m.pos(), say(kMergeUsage, m.kind_name()));
      }
    }
  }

  Loader& loader_;
  const SourceText& src_;
  std::size_t nesting_base_;
  Diagnostics& diag_;
  std::vector<Frame> stack_;
  YamlNode root_;
  bool have_root_ = false;
  std::unordered_map<YAML::anchor_t, Anchored> anchors_;
  std::unordered_map<YAML::anchor_t, std::string> names_;
  std::string pending_anchor_name_;
};

/// Records whether a further document holds anything, and where it starts.
class DocumentProbe final : public YAML::EventHandler {
 public:
  YAML::Mark start;
  bool has_content = false;

  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override { has_content = true; }
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {
    has_content = true;
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    has_content = true;
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    has_content = true;
  }
  void OnMapEnd() override {}
};

/// Whether a file name is a YAML file's: *.yaml or *.yml, in any case.
bool yaml_name(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".yaml" || ext == ".yml";
}

/// Whether `p` is `root` or lies below it (both absolute and normal).
bool inside(const std::filesystem::path& p, const std::filesystem::path& root) {
  const std::filesystem::path rel = p.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

/// Reads files and the files they include, sharing the include chain and the node budget.
class Loader {
 public:
  explicit Loader(const YamlLoadOptions& options) : options_(options) {}

  YamlNode load_main_file(const std::string& path) {
    set_rules(path);
    std::string raw;
    if (const auto why = read_file(path, raw)) {
      throw InputError(SourcePos{path, 0, 0}, say(kCannotOpen, role_words(options_.file_role), path, *why));
    }
    const SourceText src = prepare_text(path, std::move(raw));
    push_chain(path);
    return parse(src, /*main=*/true, 0);
  }

  YamlNode parse_main_text(std::string_view text, const std::string& name) {
    set_rules(name);
    const SourceText src = prepare_text(name, std::string(text));
    push_chain(name);
    return parse(src, /*main=*/true, 0);
  }

  /// The tree of the file named by `spec` in an `!include` at `site` (a file read by `including`).
  YamlNode include(const std::string& spec, const SourcePos& site, std::size_t nesting) {
    namespace fs = std::filesystem;
    if (spec.empty()) throw InputError(site, say(kIncludeNeedsName));
    const fs::path spec_path(spec);
    const std::string shown =
        spec_path.is_absolute() ? spec : (fs::path(site.file).parent_path() / spec_path).string();
    std::error_code ec;
    fs::path resolved = fs::absolute(shown, ec);
    if (ec) resolved = fs::path(shown);
    resolved = resolved.lexically_normal();

    // Only YAML files, and only in the include root: decided before the file is opened, so that
    // nothing of another file can show up in a message.
    const std::string yaml_only = say(kYamlOnly);
    if (!yaml_name(spec_path)) throw InputError(site, say(kCannotInclude, spec, yaml_only));
    fs::path real = fs::weakly_canonical(resolved, ec);  // symbolic links followed
    if (ec) real = resolved;
    if (!rules_.allow_outside && !inside(real, fs::path(rules_.root))) {
      throw InputError(site, say(kIncludeOutside, spec, real.string(), rules_.root, rules_.root_label,
                                 rules_.marked ? say(kIncludeOutsideMarked) : say(kIncludeOutsideHint)));
    }
    if (!yaml_name(real)) throw InputError(site, say(kIncludeLink, spec, real.string(), yaml_only));

    std::string raw;
    if (const auto why = read_file(shown, raw)) {
      throw InputError(site, say(kCannotOpenIncluded, spec, resolved.string(), *why));
    }
    const std::string id = identity(shown);
    for (std::size_t i = 0; i < chain_ids_.size(); ++i) {
      if (chain_ids_[i] != id) continue;
      std::string cycle;
      for (std::size_t k = i; k < chain_names_.size(); ++k) cycle += chain_names_[k] + " -> ";
      throw InputError(site, say(kIncludeCycle, cycle + shown));
    }
    if (chain_ids_.size() > kMaxIncludeDepth) {
      throw InputError(site, say(kIncludeTooDeep, kMaxIncludeDepth));
    }
    push_chain(shown);
    try {
      const SourceText src = prepare_text(shown, std::move(raw));
      YamlNode tree = parse(src, /*main=*/false, nesting);
      pop_chain();
      return tree;
    } catch (const InputError& e) {
      pop_chain();
      std::vector<Diagnostic> all = e.diagnostics();
      all.push_back({Severity::Note, site, say(kIncludedHere)});
      throw InputError(std::move(all));
    }
  }

  void count(std::size_t n, const SourcePos& pos) {
    nodes_ += n;
    if (nodes_ > kMaxNodes) {
      throw InputError(pos, say(kTooManyValues, kMaxNodes));
    }
  }

 private:
  static std::string identity(const std::string& path) {
    std::error_code ec;
    std::filesystem::path p = std::filesystem::weakly_canonical(path, ec);
    if (ec) p = std::filesystem::absolute(path, ec).lexically_normal();
    return p.string();
  }

  void set_rules(const std::string& main_name) {
    rules_ = options_.includes;
    if (rules_.root.empty()) rules_ = include_rules_for(main_name, options_.file_role, options_.includes.allow_outside);
  }

  void push_chain(const std::string& name) {
    chain_ids_.push_back(identity(name));
    chain_names_.push_back(name);
  }
  void pop_chain() {
    chain_ids_.pop_back();
    chain_names_.pop_back();
  }

  YamlNode parse(const SourceText& src, bool main, std::size_t nesting);

  const YamlLoadOptions& options_;
  IncludeRules rules_;                    // where includes may read
  std::vector<std::string> chain_ids_;    // files being read, outermost first (canonical paths)
  std::vector<std::string> chain_names_;  // the same, as shown to the planner
  std::size_t nodes_ = 0;
};

void Builder::count(std::size_t n, const SourcePos& pos) { loader_.count(n, pos); }

void Builder::OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       const std::string& value) {
  const SourcePos pos = src_.at(mark);
  name_anchor(anchor);
  const TagUse use = classify_tag(tag);
  if (use == TagUse::Include) {
    YamlNode included = YamlNode::make_null(pos);
    if (in_key_position()) {
      diag_.error(pos, say(kIncludeForKey));
    } else {
      try {
        included = loader_.include(value, pos, nesting_base_ + stack_.size());
      } catch (const InputError& e) {
        for (const Diagnostic& d : e.diagnostics()) {
          if (d.severity == Severity::Error) diag_.error(d.pos, d.message);
          if (d.severity == Severity::Warning) diag_.warning(d.pos, d.message);
          if (d.severity == Severity::Note) diag_.note(d.pos, d.message);
        }
      }
    }
    add(std::move(included), anchor);
    return;
  }
  if (use == TagUse::Unknown) diag_.error(pos, unknown_tag_message(tag));
  const bool text = use == TagUse::Text;
  // yaml-cpp accepts a quote that is never closed when the file ends first.
  if (text && !src_.at_end(mark)) {
    const std::string& t = src_.text();
    const auto start = static_cast<std::size_t>(mark.pos);
    const char q = t[start];
    if (q == '"' || q == '\'') {
      bool closed = false;
      for (std::size_t i = start + 1; i < t.size(); ++i) {
        if (q == '"' && t[i] == '\\') {
          ++i;
        } else if (t[i] == q) {
          closed = true;
          break;
        }
      }
      if (!closed) diag_.error(pos, say(kUnterminatedQuoteChar, q));
    }
  }
  count(1, pos);
  add(YamlNode::make_scalar(value, pos, text), anchor);
}

/// yaml-cpp's message made readable for a planner.
std::string readable_syntax_error(const std::string& msg, const SourceText& src, const YAML::Mark& mark) {
  namespace E = YAML::ErrorMsg;
  const std::string& t = src.text();
  const bool has_offset = !src.at_end(mark);
  const char here = has_offset ? t[static_cast<std::size_t>(mark.pos)] : '\0';
  if (msg == E::TAB_IN_INDENTATION) return say(kTabs);
  if (msg == E::END_OF_SEQ_FLOW) return say(kListNotClosed);
  if (msg == E::END_OF_MAP_FLOW) return say(kMapNotClosed);
  if (msg == E::END_OF_MAP) {
    return say(kEndOfMap);
  }
  if (msg == E::END_OF_SEQ) {
    return say(kEndOfSeq);
  }
  if (msg == E::MAP_VALUE) {
    return say(kMapValue);
  }
  if (msg == E::MAP_KEY) return say(kMapKey);
  if (msg == E::BLOCK_ENTRY) {
    return say(kBlockEntry);
  }
  if (msg == E::FLOW_END) return say(kFlowEnd);
  if (msg == E::EOF_IN_SCALAR) return say(kEofInScalar);
  if (msg == E::DOC_IN_SCALAR) return say(kDocInScalar);
  if (msg == E::UNKNOWN_ANCHOR) {
    const std::string name = here == '*' ? anchor_name_at(t, static_cast<std::size_t>(mark.pos)) : "";
    return say(kUnknownAnchor, name, name);
  }
  if (msg == E::UNKNOWN_TOKEN) {
    if (here == '@' || here == '`') {
      return say(kUnexpectedAtBacktick, here);
    }
    return say(kUnexpectedChar);
  }
  if (msg.rfind(E::INVALID_ESCAPE, 0) == 0) {
    return say(kUnknownEscape, msg.substr(std::strlen(E::INVALID_ESCAPE)));
  }
  return say(kInvalidYaml, msg);
}

InputError syntax_error(const SourceText& src, const YAML::Exception& e, const Builder& builder,
                        std::vector<Diagnostic> earlier) {
  SourcePos pos = src.at(e.mark);
  std::string message = readable_syntax_error(e.msg, src, e.mark);
  std::optional<Diagnostic> note;
  if (dynamic_cast<const YAML::DeepRecursion*>(&e) != nullptr) {
    message = say(kNestedTooDeeply);
  } else if (e.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW || e.msg == YAML::ErrorMsg::END_OF_MAP_FLOW) {
    const auto kind = e.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW ? YamlNode::Kind::Sequence : YamlNode::Kind::Map;
    if (const auto open = builder.innermost_open_flow(kind)) {
      note = Diagnostic{Severity::Note, *open, kind == YamlNode::Kind::Sequence ? say(kBracketHere) : say(kBraceHere)};
    }
  }
  // A tab in the indentation of the offending line is the usual cause, whatever yaml-cpp says.
  const std::string_view line = src.line(pos.line);
  for (std::size_t i = 0; i < line.size() && (line[i] == ' ' || line[i] == '\t'); ++i) {
    if (line[i] == '\t') {
      pos.col = static_cast<int>(i) + 1;
      message = say(kTabs);
      note.reset();
      break;
    }
  }
  earlier.push_back({Severity::Error, pos, message});
  if (note) earlier.push_back(*note);
  return InputError(std::move(earlier));
}

YamlNode Loader::parse(const SourceText& src, bool main, std::size_t nesting) {
  std::istringstream in(src.text());
  Diagnostics diag;
  Builder builder(*this, src, nesting, diag);
  try {
    YAML::Parser parser(in);
    if (parser.HandleNextDocument(builder)) {
      // Further documents are errors unless empty (a trailing '---'). yaml-cpp reports an empty
      // document forever, without moving on, when stray text such as ", [2]" follows the first.
      DocumentProbe probe;
      int last_start = -1;
      while (parser.HandleNextDocument(probe)) {
        if (probe.has_content) {
          diag.error(src.at(probe.start), say(kSecondDocument));
          break;
        }
        if (probe.start.pos <= last_start) {
          diag.error(src.at(probe.start), say(kTextAfterEnd));
          break;
        }
        last_start = probe.start.pos;
      }
    }
  } catch (const YAML::Exception& e) {
    throw syntax_error(src, e, builder, diag.all());
  } catch (const InputError& e) {
    std::vector<Diagnostic> all = diag.all();
    all.insert(all.end(), e.diagnostics().begin(), e.diagnostics().end());
    throw InputError(std::move(all));
  }
  diag.throw_if_errors();

  YamlNode root = builder.has_root() ? builder.take_root() : YamlNode::make_null(src.file());
  if (root.is_null()) {
    if (!main) throw InputError(src.file(), say(kEmptyYaml));
    if (options_.require_mapping) throw InputError(src.file(), say(kEmptySettings));
    return root;
  }
  if (main && options_.require_mapping && !root.is_map()) {
    std::string found = root.kind_name();
    if (root.is_scalar()) found = say(kTheText, root.scalar().substr(0, 40));
    throw InputError(root.pos(), say(kExpectedTopMapping, found));
  }
  return root;
}

/// Turns errors that are not about the input (out of memory, a library failure) into InputError
/// too: whatever the bytes, loading never crashes.
template <class F>
YamlNode guarded(const std::string& name, F&& load) {
  try {
    return load();
  } catch (const InputError&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw InputError(SourcePos{name, 0, 0}, say(kNoMemory));
  } catch (const std::exception& e) {
    throw InputError(SourcePos{name, 0, 0}, say(kCouldNotRead, e.what()));
  }
}

}  // namespace

IncludeRules include_rules_for(const std::string& top_level_file, const std::string& file_role, bool allow_outside) {
  namespace fs = std::filesystem;
  IncludeRules rules;
  rules.allow_outside = allow_outside;
  std::error_code ec;
  fs::path dir = fs::path(top_level_file).parent_path();
  if (dir.empty()) dir = ".";
  fs::path abs = fs::absolute(dir, ec);
  if (ec) abs = dir;
  fs::path canon = fs::weakly_canonical(abs, ec);
  if (ec) canon = abs.lexically_normal();
  rules.root = canon.string();
  rules.root_label = say(kFolderOfRole, role_words(file_role));
  for (fs::path d = canon; !d.empty(); d = d.parent_path()) {
    if (fs::is_regular_file(d / kIncludeRootMarker, ec)) {
      rules.root = d.string();
      rules.root_label = say(kFolderMarked, kIncludeRootMarker);
      rules.marked = true;
      break;
    }
    if (d == d.parent_path()) break;
  }
  return rules;
}

YamlNode load_yaml_file(const std::string& path, const YamlLoadOptions& options) {
  return guarded(path, [&] {
    Loader loader(options);
    return loader.load_main_file(path);
  });
}

YamlNode parse_yaml_string(std::string_view text, const std::string& source_name, const YamlLoadOptions& options) {
  return guarded(source_name, [&] {
    Loader loader(options);
    return loader.parse_main_text(text, source_name);
  });
}

// ------------------------------------------------------------------------------------------------
// Command-line overrides

namespace {

const std::string kSetFile = "--set";

bool is_space(char c) { return c == ' ' || c == '\t'; }

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The text of an item's `name:`, or nothing.
const std::string* item_name(const YamlNode& item) {
  const YamlNode* n = item.find("name");
  return n != nullptr && n->is_scalar() ? &n->scalar() : nullptr;
}

DT_PHRASE(kNoNamedItem, "'{}': the list '{}' has no item named '{}'{}; name an item by its `name:` or by its number, from 0",
          "'{}'：列表 '{}' 中没有名为 '{}' 的条目{}；请用条目的 `name:` 或从 0 开始的序号指明条目");
DT_PHRASE(kDidYouMeanItem, " (did you mean '{}'?)", "（是否指 '{}'？）");
DT_PHRASE(kItemsNamed, " (its items are named: {})", "（已有条目名：{}）");
DT_PHRASE(kNoItemNames, " (none of its {} items has a `name:`)", "（其 {} 个条目都没有 `name:`）");
DT_PHRASE(kAppendToNonList, "cannot add an item to '{}': it is {} (given at {}), not a list",
          "无法向 '{}' 添加条目：它是{}（位于 {}），不是列表");

}  // namespace

std::optional<std::size_t> find_list_item(const YamlNode& list, std::string_view component) {
  if (all_digits(component)) {
    if (component.size() > 9) return std::nullopt;
    const std::size_t index = static_cast<std::size_t>(std::stoul(std::string(component)));
    if (index < list.items().size()) return index;
    return std::nullopt;
  }
  for (std::size_t i = 0; i < list.items().size(); ++i)
    if (const std::string* n = item_name(list.items()[i]); n != nullptr && *n == component) return i;
  return std::nullopt;
}

std::string no_list_item_message(const YamlNode& list, std::string_view list_path, std::string_view component,
                                 std::string_view key) {
  std::vector<std::string> names;
  for (const YamlNode& item : list.items())
    if (const std::string* n = item_name(item)) names.push_back(*n);
  std::string hint;
  if (const std::optional<std::string> close = closest_match(component, names)) {
    hint = say(kDidYouMeanItem, *close);
  } else if (names.empty()) {
    hint = say(kNoItemNames, list.items().size());
  } else {
    std::string all;
    for (const std::string& n : names) all += (all.empty() ? "" : ", ") + n;
    hint = say(kItemsNamed, all);
  }
  return say(kNoNamedItem, key, list_path, component, hint);
}

bool open_plain_value_for_scale(YamlNode& node, std::string_view component, const SourcePos& pos) {
  if (!node.is_scalar() || component != "scale") return false;
  YamlNode map = YamlNode::make_map(pos);
  map.set("dist", YamlNode::make_scalar("fixed", pos), pos);
  map.set("value", std::move(node), pos);
  node = std::move(map);
  return true;
}

void append_override(YamlNode& root, std::string_view list_key, std::string_view item_text, const std::string& source_name,
                     const IncludeRules& includes) {
  DT_ASSERT(root.is_map() || root.is_null(), "append_override: the root is not a mapping");
  std::size_t begin = 0;
  while (begin < item_text.size() && is_space(item_text[begin])) ++begin;
  YamlLoadOptions options;
  options.require_mapping = false;
  options.includes = includes;
  // Padding with spaces makes the positions columns of the text as given.
  YamlNode item = parse_yaml_string(std::string(begin, ' ') + std::string(item_text.substr(begin)), source_name, options);
  const SourcePos at{source_name, 1, static_cast<int>(begin) + 1};
  if (item.is_null() && item.pos().line == 0) item.set_pos(at);
  if (root.is_null()) root = YamlNode::make_map(at);
  YamlNode* list = root.find(list_key);
  if (list == nullptr || list->is_null()) list = &root.set(list_key, YamlNode::make_sequence(at), at);
  if (!list->is_sequence())
    throw InputError(at, say(kAppendToNonList, list_key, list->kind_name(), list->pos().str()));
  list->push_back(std::move(item));
}

void apply_override(YamlNode& root, std::string_view assignment, const IncludeRules& includes) {
  const std::string shown(assignment);
  const SourcePos whole{kSetFile, 0, 0};
  const auto at_col = [](std::size_t offset) { return SourcePos{kSetFile, 1, static_cast<int>(offset) + 1}; };

  const std::size_t eq = assignment.find('=');
  if (eq == std::string_view::npos) {
    throw InputError(whole, say(kSetNoEquals, shown));
  }

  // The dotted path, with the offset of each component for positions.
  std::size_t key_begin = 0;
  std::size_t key_end = eq;
  while (key_begin < key_end && is_space(assignment[key_begin])) ++key_begin;
  while (key_end > key_begin && is_space(assignment[key_end - 1])) --key_end;
  if (key_begin == key_end) throw InputError(whole, say(kSetEmptyKey, shown));
  std::vector<std::pair<std::string, std::size_t>> parts;
  for (std::size_t begin = key_begin;;) {
    const std::size_t dot = std::min(assignment.find('.', begin), key_end);
    if (dot == begin) {
      throw InputError(at_col(begin), say(kSetEmptyName, shown));
    }
    parts.emplace_back(std::string(assignment.substr(begin, dot - begin)), begin);
    if (dot == key_end) break;
    begin = dot + 1;
  }

  // The value, parsed as YAML; padding with spaces makes its positions columns of the assignment.
  std::size_t value_begin = eq + 1;
  while (value_begin < assignment.size() && is_space(assignment[value_begin])) ++value_begin;
  const std::string_view value_text = assignment.substr(value_begin);
  if (value_text.empty()) {
    throw InputError(at_col(eq), say(kSetNoValue, shown));
  }
  std::string padded = value_text.find('\n') == std::string_view::npos ? std::string(value_begin, ' ') : std::string();
  padded += value_text;
  YamlLoadOptions value_options;
  value_options.require_mapping = false;
  value_options.includes = includes;
  YamlNode value;
  try {
    value = parse_yaml_string(padded, kSetFile, value_options);
  } catch (const InputError& e) {
    std::vector<Diagnostic> all = e.diagnostics();
    all.push_back({Severity::Note, whole, say(kInSet, shown)});
    throw InputError(std::move(all));
  }
  if (value.is_null() && value.pos().line == 0) value.set_pos(at_col(value_begin));

  // Walk the path, creating mappings on the way.
  if (root.is_null()) root = YamlNode::make_map(at_col(key_begin));
  YamlNode* cur = &root;
  std::string walked;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto& [name, offset] = parts[i];
    const bool last = i + 1 == parts.size();
    const SourcePos pos = at_col(offset);
    if (cur->is_null()) *cur = YamlNode::make_map(pos);
    if (last) open_plain_value_for_scale(*cur, name, pos);
    const std::string here = walked.empty() ? say(kTheScenario) : "'" + walked + "'";
    if (cur->is_map()) {
      YamlNode* next = cur->find(name);
      if (last) {
        cur->set(name, std::move(value), pos);
        return;
      }
      cur = next != nullptr ? next : &cur->set(name, YamlNode::make_map(pos), pos);
    } else if (cur->is_sequence()) {
      const std::optional<std::size_t> found = find_list_item(*cur, name);
      if (!found && !all_digits(name))
        throw InputError(pos, no_list_item_message(*cur, walked, name, shown.substr(key_begin, key_end - key_begin)));
      if (!found) {
        throw InputError(pos, say(kSetItems, shown.substr(key_begin, key_end - key_begin), here, cur->items().size()));
      }
      const std::size_t index = *found;
      if (last) {
        cur->items()[index] = std::move(value);
        return;
      }
      cur = &cur->items()[index];
    } else {
      throw InputError(pos, say(kSetNotMapping, shown.substr(key_begin, key_end - key_begin), here, cur->kind_name(),
                                cur->pos().str()));
    }
    walked += (walked.empty() ? "" : ".") + name;
  }
}

YamlNode without_keys(const YamlNode& doc, std::initializer_list<std::string_view> keys) {
  if (!doc.is_map()) return doc;
  YamlNode out = YamlNode::make_map(doc.pos());
  for (const auto& [k, v] : doc.entries())
    if (std::find(keys.begin(), keys.end(), k.scalar()) == keys.end()) out.append_entry(k, v);
  return out;
}

}  // namespace dt
