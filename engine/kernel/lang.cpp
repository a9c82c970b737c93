#include "engine/kernel/lang.h"

#include <atomic>
#include <cctype>
#include <cstdlib>

namespace dt {
namespace {

std::atomic<Lang> g_lang{Lang::En};

std::vector<const Phrase*>& registry() {
  static std::vector<const Phrase*> phrases;
  return phrases;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  return true;
}

}  // namespace

Lang lang() noexcept { return g_lang.load(std::memory_order_relaxed); }
void set_lang(Lang l) noexcept { g_lang.store(l, std::memory_order_relaxed); }

std::optional<Lang> parse_lang(std::string_view t) noexcept {
  // The language part ends at '-', '_', '.' or '@'.
  std::size_t end = t.find_first_of("-_.@");
  const std::string_view base = t.substr(0, end);
  if (base.size() == 2 && starts_with_ci(base, "en")) return Lang::En;
  if (base == "C" || base == "POSIX") return Lang::En;
  if (base.size() == 2 && starts_with_ci(base, "zh")) {
    // Traditional-script regions are not translated; refuse them rather than print simplified text.
    const std::string_view rest = end == std::string_view::npos ? std::string_view{} : t.substr(end + 1);
    if (starts_with_ci(rest, "tw") || starts_with_ci(rest, "hk") || starts_with_ci(rest, "hant") ||
        starts_with_ci(rest, "mo"))
      return std::nullopt;
    return Lang::ZhCN;
  }
  return std::nullopt;
}

Lang lang_from_environment() noexcept {
  if (const char* v = std::getenv("DRILLTWIN_LANG"); v && *v)
    if (auto l = parse_lang(v)) return *l;
  return Lang::En;
}

const char* lang_code(Lang l) noexcept { return l == Lang::ZhCN ? "zh-CN" : "en"; }

Phrase::Phrase(const char* id_, const char* en_, const char* zh_) : id(id_), en(en_), zh(zh_) {
  registry().push_back(this);
}

std::string_view Phrase::text() const noexcept { return lang() == Lang::ZhCN ? zh : en; }

const std::vector<const Phrase*>& all_phrases() { return registry(); }

}  // namespace dt
