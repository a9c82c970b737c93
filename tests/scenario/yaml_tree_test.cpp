// Tests for engine/scenario/yaml_tree.cpp: positions, load errors a planner can act on, includes,
// anchors and command-line overrides.

#include "engine/scenario/yaml_tree.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace dt {
namespace {

namespace fs = std::filesystem;

/// A fresh directory under the system temp directory, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "drilltwin_yaml_tree_XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
    root_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  /// Writes `content` to `relative` (creating folders) and returns the full path.
  std::string write(const std::string& relative, std::string_view content) const {
    const fs::path p = root_ / relative;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    return p.string();
  }
  [[nodiscard]] std::string path(const std::string& relative) const { return (root_ / relative).string(); }

 private:
  fs::path root_;
};

/// The diagnostics of the InputError that `load` throws; fails the test when it throws none.
template <class F>
std::vector<Diagnostic> errors_of(F&& load) {
  try {
    load();
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  ADD_FAILURE() << "expected an InputError";
  return {};
}

std::vector<Diagnostic> parse_errors(std::string_view text, const YamlLoadOptions& options = {}) {
  return errors_of([&] { (void)parse_yaml_string(text, "s.yaml", options); });
}

testing::AssertionResult contains(const std::string& text, std::string_view part) {
  if (text.find(part) != std::string::npos) return testing::AssertionSuccess();
  return testing::AssertionFailure() << "'" << text << "' does not contain '" << part << "'";
}

/// First error is at `where` ("file:line:col") and says `part`.
testing::AssertionResult first_error(const std::vector<Diagnostic>& ds, const std::string& where,
                                     std::string_view part) {
  if (ds.empty()) return testing::AssertionFailure() << "no diagnostics";
  const Diagnostic& d = ds.front();
  if (d.severity != Severity::Error) return testing::AssertionFailure() << "not an error: " << d.str();
  if (d.pos.str() != where) return testing::AssertionFailure() << "at " << d.pos.str() << ", not " << where << ": " << d.str();
  return contains(d.message, part);
}

// --- positions -----------------------------------------------------------------------------------

TEST(YamlTree, KeysAndValuesCarryOneBasedLineAndColumn) {
  const YamlNode doc = parse_yaml_string(
      "run:\n"
      "  duration: 8 h\n"
      "  seeds: [1, 22]\n"
      "buildings:\n"
      "  - id: B1\n"
      "    width: 30\n",
      "s.yaml");
  ASSERT_TRUE(doc.is_map());
  ASSERT_EQ(doc.entries().size(), 2u);
  EXPECT_EQ(doc.entries()[0].first.pos().str(), "s.yaml:1:1");  // key 'run'
  const YamlNode* run = doc.find("run");
  ASSERT_NE(run, nullptr);
  EXPECT_EQ(run->entries()[0].first.pos().str(), "s.yaml:2:3");  // key 'duration'
  EXPECT_EQ(run->find("duration")->pos().str(), "s.yaml:2:13");
  EXPECT_EQ(run->find("duration")->scalar(), "8 h");
  const YamlNode* seeds = run->find("seeds");
  EXPECT_EQ(seeds->pos().str(), "s.yaml:3:10");  // the '['
  EXPECT_EQ(seeds->items()[1].pos().str(), "s.yaml:3:14");
  const YamlNode& b1 = doc.find("buildings")->items()[0];
  EXPECT_EQ(doc.find("buildings")->pos().str(), "s.yaml:5:3");  // the '-'
  EXPECT_EQ(b1.find("id")->pos().str(), "s.yaml:5:9");
  EXPECT_EQ(b1.entries()[1].first.pos().str(), "s.yaml:6:5");
  EXPECT_EQ(b1.find("width")->pos().str(), "s.yaml:6:12");
}

TEST(YamlTree, ColumnsCountCharactersNotBytes) {
  const YamlNode doc = parse_yaml_string("名称: 北楼\nx: [é, ü]\n", "s.yaml");
  EXPECT_EQ(doc.find("名称")->pos().str(), "s.yaml:1:5");
  EXPECT_EQ(doc.find("x")->items()[1].pos().str(), "s.yaml:2:8");
}

TEST(YamlTree, ByteOrderMarkAndLineEndingsDoNotShiftPositions) {
  const YamlNode bom = parse_yaml_string("\xEF\xBB\xBF" "a: 1\nb: 2\n", "s.yaml");
  EXPECT_EQ(bom.find("a")->pos().str(), "s.yaml:1:4");
  const YamlNode crlf = parse_yaml_string("a: 1\r\nb: 2\r\n", "s.yaml");
  EXPECT_EQ(crlf.find("b")->pos().str(), "s.yaml:2:4");
  const YamlNode cr = parse_yaml_string("a: 1\rb: 2\r", "s.yaml");  // old Mac line breaks
  ASSERT_NE(cr.find("b"), nullptr);
  EXPECT_EQ(cr.find("a")->scalar(), "1");
  EXPECT_EQ(cr.find("b")->pos().str(), "s.yaml:2:4");
}

TEST(YamlTree, NullValueIsPositionedAtItsKey) {
  // yaml-cpp marks an empty value at the next token (here line 3); the planner wrote it on line 2.
  const YamlNode doc = parse_yaml_string("a: 1\nhazards:\nb: ~\n", "s.yaml");
  EXPECT_TRUE(doc.find("hazards")->is_null());
  EXPECT_EQ(doc.find("hazards")->pos().str(), "s.yaml:2:1");
  EXPECT_TRUE(doc.find("b")->is_null());
}

TEST(YamlTree, QuotedRecordsHowAScalarWasWritten) {
  const YamlNode doc = parse_yaml_string("a: 42\nb: \"42\"\nc: 'x'\nd: !!str 7\ne: |\n  text\n", "s.yaml");
  EXPECT_FALSE(doc.find("a")->quoted());
  EXPECT_TRUE(doc.find("b")->quoted());
  EXPECT_TRUE(doc.find("c")->quoted());
  EXPECT_TRUE(doc.find("d")->quoted());
  EXPECT_TRUE(doc.find("e")->quoted());
  EXPECT_EQ(doc.find("e")->scalar(), "text\n");
  EXPECT_EQ(doc.dump(), "{a: 42, b: \"42\", c: \"x\", d: \"7\", e: \"text\\n\"}");
}

TEST(YamlTree, KindNamesAreWordsAPlannerUnderstands) {
  const YamlNode doc = parse_yaml_string("a: 1\nb: [1]\nc: {x: 1}\nd:\n", "s.yaml");
  EXPECT_EQ(doc.find("a")->kind_name(), "a number/text");
  EXPECT_EQ(doc.find("b")->kind_name(), "a list");
  EXPECT_EQ(doc.find("c")->kind_name(), "a mapping");
  EXPECT_EQ(doc.find("d")->kind_name(), "nothing (null)");
  EXPECT_EQ(doc.find("missing"), nullptr);
}

// --- structural errors ---------------------------------------------------------------------------

TEST(YamlTree, DuplicateKeyIsReportedAtSecondOccurrenceNamingTheFirst) {
  const auto ds = parse_errors("run: 1\nstaff: 2\nb: 3\nstaff: 4\n");
  EXPECT_TRUE(first_error(ds, "s.yaml:4:1", "duplicate key 'staff' (first given at line 2)"));
}

TEST(YamlTree, EveryDuplicateKeyIsReportedNestedOnesToo) {
  const auto ds = parse_errors("a:\n  x: 1\n  x: 2\nb: {y: 1, y: 2}\n");
  ASSERT_EQ(ds.size(), 2u);
  EXPECT_TRUE(first_error(ds, "s.yaml:3:3", "duplicate key 'x' (first given at line 2)"));
  EXPECT_EQ(ds[1].pos.str(), "s.yaml:4:11");
  EXPECT_TRUE(contains(ds[1].message, "duplicate key 'y'"));
}

TEST(YamlTree, TabIndentationIsExplained) {
  EXPECT_TRUE(first_error(parse_errors("run:\n\tseed: 1\n"), "s.yaml:2:1",
                          "tabs are not allowed for indentation in YAML; use spaces"));
  EXPECT_TRUE(first_error(parse_errors("a: 1\n  \tb: 2\n"), "s.yaml:2:3", "tabs are not allowed"));
}

TEST(YamlTree, UnclosedFlowSequenceAtEndOfFilePointsToTheEndAndTheBracket) {
  for (const char* text : {"a: 1\nb: [1, 2\n", "a: 1\nb: [1, 2"}) {
    const auto ds = parse_errors(text);
    ASSERT_EQ(ds.size(), 2u) << text;
    EXPECT_TRUE(first_error(ds, "s.yaml:2:9", "missing ']'"));
    EXPECT_EQ(ds[1].severity, Severity::Note);
    EXPECT_EQ(ds[1].pos.str(), "s.yaml:2:4");
  }
  EXPECT_TRUE(first_error(parse_errors("a: {b: 1\n"), "s.yaml:1:9", "missing '}'"));
}

TEST(YamlTree, SyntaxErrorsAreRewordedForPlanners) {
  EXPECT_TRUE(first_error(parse_errors("a: b: c\n"), "s.yaml:1:5", "unexpected ':'"));
  EXPECT_TRUE(first_error(parse_errors("a:\n  b: 1\n c: 2\n"), "s.yaml:3:2", "indentation"));
  EXPECT_TRUE(first_error(parse_errors("a: 1\nb: \"open\n"), "s.yaml:2:4", "closing \" is missing"));
  EXPECT_TRUE(first_error(parse_errors("a: @home\n"), "s.yaml:1:4", "must be put in quotes"));
  EXPECT_TRUE(first_error(parse_errors("a: \"x\\qy\"\n"), "s.yaml:1:8", "unknown escape sequence '\\q'"));
}

TEST(YamlTree, EmptyFileOrOnlyCommentsIsAnErrorAboutTheWholeFile) {
  for (const char* text : {"", "# nothing here\n   \n# yet\n", "---\n"}) {
    const auto ds = parse_errors(text);
    EXPECT_TRUE(first_error(ds, "s.yaml", "file is empty: expected a mapping of settings")) << text;
  }
}

TEST(YamlTree, BinaryGarbageIsNotTextAndDoesNotCrash) {
  std::mt19937 rng(20240611u);
  std::string bytes(512, '\0');
  for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
  const auto ds = parse_errors(bytes);
  ASSERT_FALSE(ds.empty());
  EXPECT_TRUE(contains(ds[0].message, "file is not a text (UTF-8) file"));
  EXPECT_GE(ds[0].pos.line, 1);
}

TEST(YamlTree, FirstNonTextByteIsLocated) {
  EXPECT_TRUE(first_error(parse_errors(std::string_view("a: 1\nb: x\0y\n", 11)), "s.yaml:2:5",
                          "not a text (UTF-8) file: unexpected NUL byte"));
  EXPECT_TRUE(first_error(parse_errors("a: 1\nbé: \xFF\n"), "s.yaml:2:5", "unexpected byte 0xFF"));
  EXPECT_TRUE(first_error(parse_errors("a: \x01\n"), "s.yaml:1:4", "control character 0x01"));
  EXPECT_TRUE(first_error(parse_errors(std::string_view("\xFF\xFE" "a\0:\0", 6)), "s.yaml", "UTF-16"));
}

TEST(YamlTree, TopLevelMustBeAMapping) {
  EXPECT_TRUE(first_error(parse_errors("- 1\n- 2\n"), "s.yaml:1:1", "found a list"));
  EXPECT_TRUE(first_error(parse_errors("\n  hello\n"), "s.yaml:2:3", "found the text 'hello'"));
  YamlLoadOptions any;
  any.require_mapping = false;
  EXPECT_TRUE(parse_yaml_string("- 1\n- 2\n", "s.yaml", any).is_sequence());
  EXPECT_TRUE(parse_yaml_string("", "s.yaml", any).is_null());
}

TEST(YamlTree, SecondDocumentIsAnError) {
  EXPECT_TRUE(first_error(parse_errors("a: 1\n---\nb: 2\n"), "s.yaml:2:1", "second YAML document"));
  // A trailing separator with nothing after it is harmless.
  EXPECT_TRUE(parse_yaml_string("a: 1\n---\n", "s.yaml").is_map());
}

TEST(YamlTree, StrayTextAfterTheDocumentIsAnErrorNotAHang) {
  YamlLoadOptions any;
  any.require_mapping = false;
  EXPECT_TRUE(first_error(parse_errors("[1], [2]\n", any), "s.yaml:1:4", "unexpected text after the end"));
  YamlNode doc = parse_yaml_string("a: 1\n", "s.yaml");
  EXPECT_TRUE(first_error(errors_of([&] { apply_override(doc, "a=[1], [2]"); }), "--set:1:6",
                          "unexpected text after the end"));
}

TEST(YamlTree, KeysMustBeNamesAndTagsMustBeKnown) {
  EXPECT_TRUE(first_error(parse_errors("{[1, 2]: 3}\n"), "s.yaml:1:2", "a key must be a simple name, not a list"));
  EXPECT_TRUE(first_error(parse_errors("a: 1\n: 2\n"), "s.yaml:2:1", "a key is missing"));
  EXPECT_TRUE(first_error(parse_errors("a: !fast 1\n"), "s.yaml:1:4", "unknown tag '!fast'"));
}

TEST(YamlTree, VeryDeepNestingIsAnErrorNotACrash) {
  const auto flow = parse_errors("a: " + std::string(100000, '['));
  EXPECT_TRUE(contains(flow.at(0).message, "nested too deeply"));
  std::string block;
  for (int i = 0; i < 3000; ++i) block += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  EXPECT_TRUE(contains(parse_errors(block).at(0).message, "nested too deeply"));
}

// --- anchors, aliases, merges --------------------------------------------------------------------

TEST(YamlTree, AliasCopiesTheAnchoredNodeAtTheAliasPosition) {
  const YamlNode doc = parse_yaml_string(
      "walk: &w {speed: 1.2, gap: 0.5}\n"
      "b1:\n"
      "  people: *w\n",
      "s.yaml");
  const YamlNode* copy = doc.find("b1")->find("people");
  ASSERT_TRUE(copy->is_map());
  EXPECT_EQ(copy->dump(), "{speed: 1.2, gap: 0.5}");
  EXPECT_EQ(copy->pos().str(), "s.yaml:3:11");                // the alias
  EXPECT_EQ(copy->find("speed")->pos().str(), "s.yaml:1:18");  // where the text is
}

TEST(YamlTree, MergeKeysCopyEntriesTheMappingDoesNotSet) {
  const YamlNode doc = parse_yaml_string(
      "base: &base {speed: 1.2, gap: 0.5}\n"
      "more: &more {gap: 0.7, age: 40}\n"
      "one:\n"
      "  <<: *base\n"
      "  gap: 0.9\n"
      "two:\n"
      "  <<: [*more, *base]\n",
      "s.yaml");
  EXPECT_EQ(doc.find("one")->dump(), "{gap: 0.9, speed: 1.2}");
  EXPECT_EQ(doc.find("two")->dump(), "{gap: 0.7, age: 40, speed: 1.2}");
  EXPECT_TRUE(first_error(parse_errors("x: &x 1\ny:\n  <<: *x\n"), "s.yaml:3:7", "'<<' merges the settings"));
}

TEST(YamlTree, UndefinedOrSelfReferencingAliasesAreErrors) {
  EXPECT_TRUE(first_error(parse_errors("a: *nope\n"), "s.yaml:1:4", "'*nope' refers to an anchor '&nope'"));
  EXPECT_TRUE(first_error(parse_errors("a: &x [1, *x]\n"), "s.yaml:1:11", "'*x' is used inside"));
}

TEST(YamlTree, AliasExpansionBombIsRefused) {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 10; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) text += (k > 0 ? ", " : "") + prev;
    text += "]\n";
  }
  EXPECT_TRUE(contains(parse_errors(text).at(0).message, "too large"));
}

// --- robustness ----------------------------------------------------------------------------------

TEST(YamlTree, MutatedInputNeverThrowsAnythingButInputError) {
  const std::string seed_text =
      "run: {duration: 8 h, replications: 100, seed: &s 7}\n"
      "staff:\n"
      "  - id: \"guard 1\"\n"
      "    at: [1.5, -2]\n"
      "  - {id: 'nurse', at: *s}\n"
      "notes: |\n"
      "  free text\n"
      "base: &b {x: 1}\n"
      "derived:\n"
      "  <<: *b\n"
      "  y: ~\n";
  const std::string alphabet = ":-[]{},&*!|>'\"#?%@` \t\n\r\\0aZ~\x80\xC3\xA9";
  std::mt19937 rng(7u);
  for (int round = 0; round < 3000; ++round) {
    std::string text = seed_text;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = rng() % (text.size() + 1);
      const char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
        case 0: text.insert(at, 1, c); break;
        case 1: if (at < text.size()) text.erase(at, 1); break;
        default: if (at < text.size()) text[at] = c; break;
      }
    }
    try {
      (void)parse_yaml_string(text, "fuzz.yaml");
    } catch (const InputError& e) {
      ASSERT_FALSE(e.diagnostics().empty());
    } catch (const std::exception& e) {
      FAIL() << "round " << round << " threw " << e.what() << " for:\n" << text;
    }
  }
}

// --- files and includes --------------------------------------------------------------------------

TEST(YamlTreeFiles, MissingFileOrDirectoryIsReportedWithTheNameAsGiven) {
  TempDir dir;
  const std::string missing = dir.path("nope.yaml");
  EXPECT_TRUE(first_error(errors_of([&] { (void)load_yaml_file(missing); }), missing,
                          "cannot open scenario file '" + missing + "' (No such file or directory)"));
  const std::string folder = dir.path("");
  EXPECT_TRUE(first_error(errors_of([&] { (void)load_yaml_file(folder); }), folder, "(Is a directory)"));
}

TEST(YamlTreeFiles, NodesCarryTheFileName) {
  TempDir dir;
  const std::string path = dir.write("s.yaml", "run:\n  seed: 3\n");
  const YamlNode doc = load_yaml_file(path);
  EXPECT_EQ(doc.find("run")->find("seed")->pos().str(), path + ":2:9");
  EXPECT_TRUE(first_error(errors_of([&] { (void)load_yaml_file(dir.write("e.yaml", "# empty\n")); }),
                          dir.path("e.yaml"), "file is empty"));
}

TEST(YamlTreeFiles, IncludeIsResolvedRelativeToTheIncludingFileAndNests) {
  TempDir dir;
  dir.write(".drilltwin-root", "");  // a project: scenarios/ may include from assets/ beside it
  const std::string main = dir.write("scenarios/main.yaml",
                                     "layout: !include ../assets/compound.yaml\n"
                                     "run: {seed: 1}\n");
  dir.write("assets/compound.yaml",
            "buildings:\n"
            "  - id: B1\n"
            "    floors: !include parts/floors.yaml\n");
  dir.write("assets/parts/floors.yaml", "[1, 2, 3]\n");

  const YamlNode doc = load_yaml_file(main);
  EXPECT_EQ(doc.dump(), "{layout: {buildings: [{id: B1, floors: [1, 2, 3]}]}, run: {seed: 1}}");
  const std::string compound = (fs::path(main).parent_path() / "../assets/compound.yaml").string();
  const YamlNode& b1 = doc.find("layout")->find("buildings")->items()[0];
  EXPECT_EQ(b1.find("id")->pos().str(), compound + ":2:9");
  const std::string floors = (fs::path(compound).parent_path() / "parts/floors.yaml").string();
  EXPECT_EQ(b1.find("floors")->items()[2].pos().str(), floors + ":1:8");
  EXPECT_TRUE(fs::exists(floors));  // the name is a usable path
}

TEST(YamlTreeFiles, MissingIncludeIsReportedAtTheIncludeWithTheResolvedPath) {
  TempDir dir;
  dir.write(".drilltwin-root", "");
  const std::string main = dir.write("s/main.yaml", "a: 1\nlayout: !include ../assets/x.yaml\n");
  const std::string resolved = (fs::path(dir.path("assets")) / "x.yaml").lexically_normal().string();
  EXPECT_TRUE(first_error(errors_of([&] { (void)load_yaml_file(main); }), main + ":2:9",
                          "cannot open included file '../assets/x.yaml' (resolved to " + resolved +
                              "): No such file or directory"));
}

TEST(YamlTreeFiles, IncludesStayInTheIncludeRoot) {
  TempDir dir;
  dir.write("shared/lay.yaml", "x: 1\n");
  dir.write("s/deep/lay.yaml", "x: 2\n");
  const std::string main = dir.write("s/main.yaml", "a: !include deep/lay.yaml\nb: !include ../shared/lay.yaml\n");
  const std::string s = fs::canonical(dir.path("s")).string();
  const std::string outside = "cannot include '../shared/lay.yaml' (resolved to " +
                              fs::canonical(dir.path("shared/lay.yaml")).string() + "): it is outside " + s +
                              ", the folder of the scenario file";
  EXPECT_TRUE(first_error(errors_of([&] { (void)load_yaml_file(main); }), main + ":2:4", outside));

  const IncludeRules rules = include_rules_for(main, "scenario file");
  EXPECT_EQ(rules.root, s);
  EXPECT_FALSE(rules.allow_outside);
  YamlLoadOptions anywhere;
  anywhere.includes.allow_outside = true;
  EXPECT_EQ(load_yaml_file(main, anywhere).dump(), "{a: {x: 2}, b: {x: 1}}");

  // A .drilltwin-root file above makes its folder the root; a folder of the same name does not.
  fs::create_directory(dir.path("s/.drilltwin-root"));
  EXPECT_EQ(include_rules_for(main, "scenario file").root, s);
  dir.write(".drilltwin-root", "");
  const IncludeRules marked = include_rules_for(main, "scenario file");
  EXPECT_EQ(marked.root, fs::canonical(dir.path("")).string());
  EXPECT_EQ(marked.root_label, "the folder marked by its .drilltwin-root file");
  EXPECT_EQ(load_yaml_file(main).dump(), "{a: {x: 2}, b: {x: 1}}");

  // Text parsed from a string: the root of its name's folder (the working directory for "--set").
  EXPECT_EQ(include_rules_for("--set", "scenario file").root, include_rules_for("./s.yaml", "scenario file").root);
}

TEST(YamlTreeFiles, SymbolicLinksAreFollowedBeforeTheChecks) {
  TempDir dir;
  dir.write("outside/lay.yaml", "x: 1\n");
  dir.write("outside/secret", "password: hunter2\n");
  fs::create_directories(dir.path("s"));
  fs::create_symlink(dir.path("outside/lay.yaml"), dir.path("s/link.yaml"));
  fs::create_symlink(dir.path("outside/secret"), dir.path("s/secret.yaml"));
  const std::string main = dir.write("s/main.yaml", "a: !include link.yaml\n");
  EXPECT_TRUE(first_error(errors_of([&] { (void)load_yaml_file(main); }), main + ":1:4", "it is outside"));
  const std::string secret = dir.write("s/main.yaml", "a: !include secret.yaml\n");
  YamlLoadOptions anywhere;
  anywhere.includes.allow_outside = true;
  const auto ds = errors_of([&] { (void)load_yaml_file(secret, anywhere); });
  EXPECT_TRUE(first_error(ds, secret + ":1:4",
                          "cannot include 'secret.yaml' (a link to " + fs::canonical(dir.path("outside/secret")).string() +
                              "): !include reads YAML files (named *.yaml or *.yml)"));
  for (const Diagnostic& d : ds) EXPECT_EQ(d.message.find("hunter2"), std::string::npos) << d.str();
}

TEST(YamlTreeFiles, OnlyFilesNamedAsYamlAreIncluded) {
  TempDir dir;
  dir.write("a.yml", "x: 1\n");
  dir.write("b.YAML", "y: 2\n");
  dir.write("c.txt", "z: 3\n");
  dir.write("d", "w: 4\n");
  const std::string main = dir.write("m.yaml", "a: !include a.yml\nb: !include b.YAML\n");
  EXPECT_EQ(load_yaml_file(main).dump(), "{a: {x: 1}, b: {y: 2}}");
  for (const char* name : {"c.txt", "d", "/etc/passwd"}) {
    const std::string m = dir.write("m.yaml", std::string("a: !include ") + name + "\n");
    EXPECT_TRUE(first_error(errors_of([&] { (void)load_yaml_file(m); }), m + ":1:4",
                            std::string("cannot include '") + name + "': !include reads YAML files"))
        << name;
  }
}

TEST(YamlTreeFiles, ErrorInsideIncludedFileNamesThatFileAndNotesTheInclude) {
  TempDir dir;
  const std::string main = dir.write("main.yaml", "a: 1\nlayout: !include lay.yaml\n");
  dir.write("lay.yaml", "x: 1\nx: 2\n");
  const auto ds = errors_of([&] { (void)load_yaml_file(main); });
  ASSERT_EQ(ds.size(), 2u);
  EXPECT_TRUE(first_error(ds, dir.path("lay.yaml") + ":2:1", "duplicate key 'x'"));
  EXPECT_EQ(ds[1].severity, Severity::Note);
  EXPECT_EQ(ds[1].pos.str(), main + ":2:9");
}

TEST(YamlTreeFiles, IncludeCycleListsTheChain) {
  TempDir dir;
  const std::string a = dir.write("a.yaml", "next: !include b.yaml\n");
  dir.write("b.yaml", "back: !include a.yaml\n");
  const auto ds = errors_of([&] { (void)load_yaml_file(a); });
  const std::string b = dir.path("b.yaml");
  EXPECT_TRUE(first_error(ds, b + ":1:7", "include cycle: " + a + " -> " + b + " -> " + a));

  const std::string self = dir.write("self.yaml", "me: !include self.yaml\n");
  EXPECT_TRUE(first_error(errors_of([&] { (void)load_yaml_file(self); }), self + ":1:5", "include cycle"));
}

TEST(YamlTreeFiles, IncludeDepthIsLimited) {
  TempDir dir;
  for (int i = 0; i < 20; ++i) {
    dir.write("f" + std::to_string(i) + ".yaml", "n: !include f" + std::to_string(i + 1) + ".yaml\n");
  }
  dir.write("f20.yaml", "end: 1\n");
  const auto ds = errors_of([&] { (void)load_yaml_file(dir.path("f0.yaml")); });
  ASSERT_FALSE(ds.empty());
  EXPECT_TRUE(contains(ds[0].message, "more than 16 levels deep"));
}

TEST(YamlTreeFiles, IncludeNeedsAFileNameAndAValuePosition) {
  EXPECT_TRUE(first_error(parse_errors("a: !include\n"), "s.yaml:1:4", "!include needs a file name"));
  EXPECT_TRUE(first_error(parse_errors("a: !include [x.yaml]\n"), "s.yaml:1:4", "!include needs a file name"));
  EXPECT_TRUE(first_error(parse_errors("? !include x.yaml\n: 1\n"), "s.yaml:1:3", "cannot be used for a key"));
}

TEST(YamlTreeFiles, IncludedEmptyFileIsAnError) {
  TempDir dir;
  const std::string main = dir.write("m.yaml", "a: !include e.yaml\n");
  dir.write("e.yaml", "# later\n");
  EXPECT_TRUE(first_error(errors_of([&] { (void)load_yaml_file(main); }), dir.path("e.yaml"), "file is empty"));
}

// --- overrides -----------------------------------------------------------------------------------

YamlNode sample() { return parse_yaml_string("staff:\n  count: 2\nbuildings:\n  - floors: 3\n  - floors: 4\n", "s.yaml"); }

TEST(YamlOverride, ReplacesAValueKeepingTheKeyAndPositionsTheValueInTheAssignment) {
  YamlNode doc = sample();
  apply_override(doc, "staff.count=4");
  const YamlNode::Entry* e = doc.find("staff")->find_entry("count");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->second.scalar(), "4");
  EXPECT_EQ(e->second.pos().str(), "--set:1:13");
  EXPECT_EQ(e->first.pos().str(), "s.yaml:2:3");
  EXPECT_EQ(doc.find("staff")->size(), 1u);
}

TEST(YamlOverride, CreatesMissingMappingsOnThePath) {
  YamlNode doc = sample();
  apply_override(doc, "dispatch.policy.strategy=nearest");
  const YamlNode* strategy = doc.find("dispatch")->find("policy")->find("strategy");
  ASSERT_NE(strategy, nullptr);
  EXPECT_EQ(strategy->scalar(), "nearest");
  EXPECT_EQ(strategy->pos().str(), "--set:1:26");
  EXPECT_EQ(doc.find_entry("dispatch")->first.pos().str(), "--set:1:1");
  EXPECT_EQ(doc.find("dispatch")->find_entry("policy")->first.pos().str(), "--set:1:10");
}

TEST(YamlOverride, ValueIsParsedAsYaml) {
  YamlNode doc = sample();
  apply_override(doc, "run.profile=[1, 2, 3]");
  apply_override(doc, "arrivals={dist: fixed, value: 3}");
  apply_override(doc, "name=\"4\"");
  apply_override(doc, "hazards=~");
  EXPECT_EQ(doc.find("run")->find("profile")->dump(), "[1, 2, 3]");
  EXPECT_EQ(doc.find("run")->find("profile")->items()[2].pos().str(), "--set:1:20");
  EXPECT_EQ(doc.find("arrivals")->find("value")->pos().str(), "--set:1:31");
  EXPECT_TRUE(doc.find("name")->quoted());
  EXPECT_TRUE(doc.find("hazards")->is_null());
}

TEST(YamlOverride, NumbersInThePathIndexLists) {
  YamlNode doc = sample();
  apply_override(doc, "buildings.1.floors=9");
  EXPECT_EQ(doc.find("buildings")->dump(), "[{floors: 3}, {floors: 9}]");
  EXPECT_TRUE(first_error(errors_of([&] { apply_override(doc, "buildings.2.floors=1"); }), "--set:1:11",
                          "'buildings' has 2 items"));
  EXPECT_TRUE(first_error(errors_of([&] { apply_override(doc, "buildings.first.floors=1"); }), "--set:1:11",
                          "the list 'buildings' has no item named 'first' (none of its 2 items has a `name:`)"));
}

YamlNode drill_sample() {
  return parse_yaml_string(
      "drill:\n"
      "  - {name: fire, at: 0 s, start_fire: D3/F8/U3}\n"
      "  - {name: close_stair, at: 5 min, close: D3/S1}\n"
      "  - {at: 9 min, sound_alarm: all}\n",
      "s.yaml");
}

TEST(YamlOverride, AListItemIsNamedByItsNameKeyOrByItsNumber) {
  YamlNode doc = drill_sample();
  apply_override(doc, "drill.close_stair.at=2 min");
  apply_override(doc, "drill.2.at=7 min");
  apply_override(doc, "drill.fire={name: fire, at: 1 min, start_fire: D1/F2/U1}");
  const auto& items = doc.find("drill")->items();
  EXPECT_EQ(items[1].find("at")->scalar(), "2 min");
  EXPECT_EQ(items[1].find("at")->pos().str(), "--set:1:22");
  EXPECT_EQ(items[1].find("close")->scalar(), "D3/S1");  // the rest of the step is kept
  EXPECT_EQ(items[2].find("at")->scalar(), "7 min");
  EXPECT_EQ(items[0].find("start_fire")->scalar(), "D1/F2/U1");
  EXPECT_EQ(*find_list_item(*doc.find("drill"), "close_stair"), 1u);
  EXPECT_EQ(*find_list_item(*doc.find("drill"), "0"), 0u);
  EXPECT_FALSE(find_list_item(*doc.find("drill"), "3"));
}

TEST(YamlOverride, AnUnknownItemNameSuggestsTheClosestName) {
  YamlNode doc = drill_sample();
  EXPECT_TRUE(first_error(errors_of([&] { apply_override(doc, "drill.close_stiar.at=2 min"); }), "--set:1:7",
                          "'drill.close_stiar.at': the list 'drill' has no item named 'close_stiar' (did you mean "
                          "'close_stair'?)"));
  EXPECT_TRUE(first_error(errors_of([&] { apply_override(doc, "drill.smoke.at=2 min"); }), "--set:1:7",
                          "no item named 'smoke' (its items are named: fire, close_stair)"));
  EXPECT_TRUE(first_error(errors_of([&] { apply_override(doc, "drill.3.at=2 min"); }), "--set:1:7",
                          "'drill' has 3 items (numbered from 0)"));
}

TEST(YamlOverride, ScaleOnAPlainValueMakesItAFixedDistribution) {
  YamlNode doc = parse_yaml_string("incidents:\n  service_time: 20 min\n", "s.yaml");
  apply_override(doc, "incidents.service_time.scale=0.5");
  const YamlNode* st = doc.find("incidents")->find("service_time");
  EXPECT_EQ(st->dump(), "{dist: fixed, value: 20 min, scale: 0.5}");
  EXPECT_EQ(st->find("value")->pos().str(), "s.yaml:2:17");  // the value is still where the planner wrote it
  EXPECT_EQ(st->pos().str(), "--set:1:24");                    // the mapping is the override's doing
  // A mapping gets the key as any other; other keys on a plain value remain an error.
  YamlNode dist = parse_yaml_string("t: {dist: exponential, mean: 3 min}\n", "s.yaml");
  apply_override(dist, "t.scale=2");
  EXPECT_EQ(dist.find("t")->dump(), "{dist: exponential, mean: 3 min, scale: 2}");
  EXPECT_TRUE(first_error(errors_of([&] { apply_override(doc, "incidents.service_time.value.mean=3"); }), "--set:1:30",
                          "not a mapping"));
}

TEST(YamlOverride, AppendAddsAnItemPositionedInItsOwnText) {
  YamlNode doc = drill_sample();
  append_override(doc, "drill", "{at: 10 min, close: C3/S1}", "--drill-add");
  const auto& items = doc.find("drill")->items();
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[3].dump(), "{at: 10 min, close: C3/S1}");
  EXPECT_EQ(items[3].find("close")->pos().str(), "--drill-add:1:21");
  YamlNode empty = parse_yaml_string("name: x\n", "s.yaml");
  append_override(empty, "drill", "{at: 1 min, sound_alarm: all}", "--drill-add");
  EXPECT_EQ(empty.find("drill")->dump(), "[{at: 1 min, sound_alarm: all}]");
  EXPECT_TRUE(first_error(errors_of([&] { append_override(empty, "name", "{at: 1 min}", "--drill-add"); }),
                          "--drill-add:1:1", "cannot add an item to 'name': it is a number/text"));
  const auto unclosed = errors_of([&] { append_override(doc, "drill", "{at: 1 min", "--drill-add"); });
  ASSERT_FALSE(unclosed.empty());
  EXPECT_EQ(unclosed.front().pos.file, "--drill-add");
}

TEST(YamlOverride, WalkingIntoAValueIsAnError) {
  YamlNode doc = sample();
  EXPECT_TRUE(first_error(errors_of([&] { apply_override(doc, "staff.count.max=3"); }), "--set:1:13",
                          "'staff.count' is a number/text (given at s.yaml:2:10), not a mapping"));
}

TEST(YamlOverride, MalformedAssignmentsNameTheAssignment) {
  YamlNode doc = sample();
  EXPECT_TRUE(first_error(errors_of([&] { apply_override(doc, "staff.count"); }), "--set",
                          "invalid --set 'staff.count': expected KEY=VALUE"));
  EXPECT_TRUE(first_error(errors_of([&] { apply_override(doc, "=3"); }), "--set", "the key before '=' is empty"));
  EXPECT_TRUE(first_error(errors_of([&] { apply_override(doc, "staff..count=3"); }), "--set:1:7", "empty name"));
  EXPECT_TRUE(first_error(errors_of([&] { apply_override(doc, "staff.count="); }), "--set:1:12", "no value after '='"));
}

TEST(YamlOverride, InvalidValueIsReportedInsideTheAssignment) {
  YamlNode doc = sample();
  const auto ds = errors_of([&] { apply_override(doc, "run.profile=[1, 2"); });
  ASSERT_GE(ds.size(), 2u);
  EXPECT_TRUE(first_error(ds, "--set:1:18", "missing ']'"));
  EXPECT_EQ(ds.back().severity, Severity::Note);
  EXPECT_TRUE(contains(ds.back().message, "in --set 'run.profile=[1, 2'"));
}

}  // namespace
}  // namespace dt
