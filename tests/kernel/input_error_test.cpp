// Input errors print as `file:line:col: error: message` (engine/kernel/input_error.h) and every
// diagnostic of a file reaches the user at once.
#include "engine/kernel/input_error.h"

#include <gtest/gtest.h>

namespace dt {
namespace {

TEST(SourcePos, PrintsOnlyThePartsThatAreKnown) {
  EXPECT_EQ((SourcePos{"a.yaml", 3, 7}).str(), "a.yaml:3:7");
  EXPECT_EQ((SourcePos{"a.yaml", 3, 0}).str(), "a.yaml:3");
  EXPECT_EQ((SourcePos{"a.yaml", 0, 7}).str(), "a.yaml");  // a column without a line means nothing
  EXPECT_EQ((SourcePos{"", 2, 1}).str(), "<input>:2:1");
}

TEST(Diagnostic, NamesItsSeverityLikeACompiler) {
  const SourcePos at{"s.yaml", 1, 2};
  EXPECT_EQ((Diagnostic{Severity::Error, at, "bad"}).str(), "s.yaml:1:2: error: bad");
  EXPECT_EQ((Diagnostic{Severity::Warning, at, "odd"}).str(), "s.yaml:1:2: warning: odd");
  EXPECT_EQ((Diagnostic{Severity::Note, at, "see"}).str(), "s.yaml:1:2: note: see");
}

TEST(Diagnostics, CountsOnlyErrorsAndKeepsEverythingInOrder) {
  Diagnostics d;
  d.warning({"f", 1, 1}, "w");
  d.note({"f", 2, 1}, "n");
  EXPECT_FALSE(d.has_errors());
  EXPECT_NO_THROW(d.throw_if_errors());  // warnings and notes alone are not fatal
  d.error({"f", 3, 1}, "e1");
  d.error({"f", 4, 1}, "e2");
  EXPECT_TRUE(d.has_errors());
  EXPECT_EQ(d.error_count(), 2);
  ASSERT_EQ(d.all().size(), 4u);
  EXPECT_EQ(d.all()[0].severity, Severity::Warning);
  EXPECT_EQ(d.all()[3].message, "e2");
}

TEST(Diagnostics, ThrowCarriesEveryDiagnosticOneLineEach) {
  Diagnostics d;
  d.error({"f", 3, 1}, "first");
  d.note({"f", 4, 2}, "context");
  d.error({"g", 0, 0}, "second");
  try {
    d.throw_if_errors();
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "f:3:1: error: first\nf:4:2: note: context\ng: error: second");
    EXPECT_EQ(e.diagnostics().size(), 3u);
  }
}

TEST(InputError, SingleMessageConstructorIsOneError) {
  const InputError e({"--set", 0, 0}, "unknown key");
  EXPECT_STREQ(e.what(), "--set: error: unknown key");
  ASSERT_EQ(e.diagnostics().size(), 1u);
  EXPECT_EQ(e.diagnostics()[0].severity, Severity::Error);
}

}  // namespace
}  // namespace dt
