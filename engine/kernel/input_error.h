#pragma once
// Errors in what a user wrote (scenario and layout files, --set overrides, flags).
//
// Every part may report an input problem with the place it came from; the command line prints
// each as `file:line:col: error: message` and exits with status 2. Broken invariants inside the
// engine are assertions, not InputErrors.

#include <stdexcept>
#include <string>
#include <vector>

namespace dt {

/// A place in an input file. line/col are 1-based; line == 0 means "no position known"
/// (the file as a whole, e.g. an empty file or one that is not text).
struct SourcePos {
  std::string file;  ///< path as the user gave it (or "--set" for command-line overrides)
  int line = 0;      ///< [1-based, 0 = unknown]
  int col = 0;       ///< [1-based, 0 = unknown]

  /// "file:line:col", "file:line" or "file".
  [[nodiscard]] std::string str() const;
};

/// A name as a scenario wrote it (a building, node, link, sensor, ...), with where it was written:
/// readers keep names, engine/sim/site.cpp resolves them against the built site and reports an
/// unknown one at `pos`, naming `path` (e.g. "drill.2.close").
struct SourceName {
  std::string text;
  SourcePos pos;
  std::string path;
};

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  Severity severity = Severity::Error;
  SourcePos pos;
  std::string message;

  /// "file:line:col: error: message"
  [[nodiscard]] std::string str() const;
};

/// Collects diagnostics while reading input so that a planner sees every mistake at once.
class Diagnostics {
 public:
  void error(const SourcePos& pos, std::string message);
  void warning(const SourcePos& pos, std::string message);
  void note(const SourcePos& pos, std::string message);

  [[nodiscard]] bool has_errors() const { return errors_ > 0; }
  [[nodiscard]] int error_count() const { return errors_; }
  [[nodiscard]] const std::vector<Diagnostic>& all() const { return items_; }

  /// Throws InputError carrying every diagnostic if any error was reported.
  void throw_if_errors() const;

 private:
  std::vector<Diagnostic> items_;
  int errors_ = 0;
};

/// Thrown when input is invalid. what() is the formatted list, one diagnostic per line.
class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  InputError(const SourcePos& pos, const std::string& message);

  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace dt
