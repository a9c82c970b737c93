#include "engine/kernel/input_error.h"

#include <utility>

#include "engine/kernel/lang.h"

namespace dt {

namespace {
// The word between the place and the message, as compilers print it ("file:3:7: error: ...").
DT_PHRASE(kSeverityError, "error", "错误");
DT_PHRASE(kSeverityWarning, "warning", "警告");
DT_PHRASE(kSeverityNote, "note", "注");
}  // namespace

std::string SourcePos::str() const {
  std::string s = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    s.append(":").append(std::to_string(line));
    if (col > 0) s.append(":").append(std::to_string(col));
  }
  return s;
}

std::string Diagnostic::str() const {
  const Phrase& word = severity == Severity::Error     ? kSeverityError
                       : severity == Severity::Warning ? kSeverityWarning
                                                       : kSeverityNote;
  std::string s = pos.str();
  s.append(": ").append(word.text()).append(": ").append(message);
  return s;
}

void Diagnostics::error(const SourcePos& pos, std::string message) {
  items_.push_back({Severity::Error, pos, std::move(message)});
  ++errors_;
}
void Diagnostics::warning(const SourcePos& pos, std::string message) {
  items_.push_back({Severity::Warning, pos, std::move(message)});
}
void Diagnostics::note(const SourcePos& pos, std::string message) {
  items_.push_back({Severity::Note, pos, std::move(message)});
}

void Diagnostics::throw_if_errors() const {
  if (errors_ > 0) throw InputError(items_);
}

namespace {
std::string join(const std::vector<Diagnostic>& ds) {
  std::string s;
  for (const auto& d : ds) {
    if (!s.empty()) s += '\n';
    s += d.str();
  }
  return s;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(const SourcePos& pos, const std::string& message)
    : InputError(std::vector<Diagnostic>{{Severity::Error, pos, message}}) {}

}  // namespace dt
