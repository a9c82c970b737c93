// The language of messages (engine/kernel/lang.h): choosing it, saying a phrase in it, and the
// rules every phrase linked into this test binary obeys (tests/support/phrase_checks.h). The same
// rules are checked on the real executable by tests/cli/lang_cli_test.cpp.
#include "engine/kernel/lang.h"

#include <cerrno>
#include <cstdlib>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "engine/kernel/input_error.h"
#include "engine/kernel/system_error_text.h"
#include "tests/support/phrase_checks.h"
#include "tests/support/untranslated.h"

namespace dt {
namespace {

DT_PHRASE(kTestGreeting, "{} replications in {:.1f} s", "{} 次重复，用时 {:.1f} s");

/// Sets a language for one test and puts English back afterwards.
class InLanguage {
 public:
  explicit InLanguage(Lang l) { set_lang(l); }
  ~InLanguage() { set_lang(Lang::En); }
};

TEST(Lang, ParsesTheCodesAUserWrites) {
  EXPECT_EQ(parse_lang("en"), Lang::En);
  EXPECT_EQ(parse_lang("en_GB.UTF-8"), Lang::En);
  EXPECT_EQ(parse_lang("C"), Lang::En);
  EXPECT_EQ(parse_lang("zh-CN"), Lang::ZhCN);
  EXPECT_EQ(parse_lang("zh_CN.UTF-8"), Lang::ZhCN);
  EXPECT_EQ(parse_lang("ZH-cn"), Lang::ZhCN);
  EXPECT_EQ(parse_lang("zh-Hans"), Lang::ZhCN);
  // Traditional-script regions are refused rather than shown simplified text.
  EXPECT_FALSE(parse_lang("zh-TW").has_value());
  EXPECT_FALSE(parse_lang("zh_HK").has_value());
  EXPECT_FALSE(parse_lang("fr").has_value());
  EXPECT_FALSE(parse_lang("").has_value());
  EXPECT_STREQ(lang_code(Lang::ZhCN), "zh-CN");
  EXPECT_STREQ(lang_code(Lang::En), "en");
}

TEST(Lang, ReadsDrilltwinLangFromTheEnvironment) {
  const char* before = std::getenv("DRILLTWIN_LANG");
  const std::string saved = before ? before : "";
  ::setenv("DRILLTWIN_LANG", "zh-CN", 1);
  EXPECT_EQ(lang_from_environment(), Lang::ZhCN);
  ::setenv("DRILLTWIN_LANG", "en", 1);
  EXPECT_EQ(lang_from_environment(), Lang::En);
  ::unsetenv("DRILLTWIN_LANG");
  EXPECT_EQ(lang_from_environment(), Lang::En);
  if (before) ::setenv("DRILLTWIN_LANG", saved.c_str(), 1);
}

TEST(Lang, SaysAPhraseInTheLanguageInUse) {
  EXPECT_EQ(say(kTestGreeting, 20, 1.25), "20 replications in 1.2 s");
  {
    InLanguage zh(Lang::ZhCN);
    EXPECT_EQ(say(kTestGreeting, 20, 1.25), "20 次重复，用时 1.2 s");
    EXPECT_EQ(say_in(Lang::En, kTestGreeting, 3, 2.0), "3 replications in 2.0 s");
  }
  EXPECT_EQ(lang(), Lang::En);
}

TEST(Lang, ADiagnosticNamesItsSeverityInTheLanguage) {
  const SourcePos pos{"a.yaml", 3, 7};
  EXPECT_EQ((Diagnostic{Severity::Error, pos, "m"}.str()), "a.yaml:3:7: error: m");
  InLanguage zh(Lang::ZhCN);
  EXPECT_EQ((Diagnostic{Severity::Error, pos, "m"}.str()), "a.yaml:3:7: 错误: m");
  EXPECT_EQ((Diagnostic{Severity::Warning, pos, "m"}.str()), "a.yaml:3:7: 警告: m");
  EXPECT_EQ((Diagnostic{Severity::Note, pos, "m"}.str()), "a.yaml:3:7: 注: m");
}

TEST(Lang, SystemErrorsAreTranslatedAndStayStrerrorInEnglish) {
  EXPECT_EQ(system_error_text(ENOENT), "No such file or directory");
  InLanguage zh(Lang::ZhCN);
  EXPECT_EQ(system_error_text(ENOENT), "没有那个文件或目录");
  EXPECT_EQ(system_error_text(ENOSPC), "设备上没有剩余空间");
}

// The checks of tests/support/phrase_checks.h, on cases worked out by hand.
TEST(PhraseChecks, ReadPlaceholdersAsFmtDoes) {
  EXPECT_EQ(test::placeholders("{} of {:.1f} s"), (std::vector<std::string>{"{}", "{:.1f}"}));
  EXPECT_EQ(test::placeholders("a {{literal}} {0}"), (std::vector<std::string>{"{0}"}));
  EXPECT_EQ(test::placeholders("the '{' is here"), std::vector<std::string>{});
  EXPECT_EQ(test::phrase_problem("{} stairs", "{} 部楼梯"), "");
  EXPECT_EQ(test::phrase_problem("{} stairs {:.1f}", "{:.1f} {} 部楼梯"), "the placeholders differ from the English");
  EXPECT_EQ(test::phrase_problem("stairs", "stairs"), "the Chinese text has no Chinese character");
  EXPECT_EQ(test::phrase_problem("stairs", ""), "the Chinese text is empty");
  EXPECT_EQ(test::phrase_problem(", ", "、"), "");  // no letters in the English: nothing to translate
  // Numbered fields may change places; unnumbered ones may not, and a numbered one must not vanish.
  EXPECT_EQ(test::phrase_problem("{0} of {1} met", "{1} 项中 {0} 项达标"), "");
  EXPECT_EQ(test::phrase_problem("{0} of {1} met", "{1} 项中 {1} 项达标"), "the placeholders differ from the English");
  EXPECT_EQ(test::phrase_problem("{0} of {1:.1f} met", "{1} 项中 {0} 项达标"),
            "the placeholders differ from the English");
}

TEST(PhraseChecks, EveryPhraseOfThisProgramHasAChineseTextWithTheSamePlaceholders) {
  const std::vector<const Phrase*>& phrases = all_phrases();
  // The parts linked into this binary register far more than a handful of phrases.
  ASSERT_GT(phrases.size(), 300u);
  std::set<std::string> ids;
  for (const Phrase* p : phrases) {
    EXPECT_TRUE(ids.insert(p->id).second) << "duplicate phrase id " << p->id;
    EXPECT_EQ(test::phrase_problem(p->en, p->zh), "") << p->id << "\n  en: " << p->en << "\n  zh: " << p->zh;
  }
}

// The untranslated-English finder (tests/support/untranslated.h) on lines worked out by hand.
TEST(UntranslatedEnglish, FindsEnglishWordsAndLeavesWhatStaysAsWritten) {
  EXPECT_EQ(test::untranslated_english("a.yaml:4:3: error: unknown key 'widht' in 'layout'").size(), 1u);
  EXPECT_EQ(test::untranslated_english("drilltwin: interrupted after 3 of 20 replications").size(), 1u);
  const std::vector<std::string> none;
  EXPECT_EQ(test::untranslated_english("a.yaml:4:3: 错误: 未知的键 'widht in here'（位于 'run'）"), none);
  EXPECT_EQ(test::untranslated_english("继续运行: drilltwin sweep scenarios/a.yaml --resume --out results/a"), none);
  EXPECT_EQ(test::untranslated_english("  12/20 次重复  60 %  预计剩余 3 min   "), none);
  EXPECT_EQ(test::untranslated_english("KPI dispatch.response_time_s 超出目标 (run.max_incidents)"), none);
  EXPECT_EQ(test::untranslated_english("写入 /tmp/some dir/out.csv 时出错: 没有那个文件或目录"), none);
}

}  // namespace
}  // namespace dt
