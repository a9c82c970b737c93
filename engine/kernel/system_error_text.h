#pragma once
// What an operating-system error (an errno value) means, in the language of the messages:
// strerror's text in English, a translation of the common file errors in Chinese (the C library's
// own translations depend on installed locales, which a server rarely has).

#include <string>

namespace dt {

/// strerror(err) in English; in Chinese a translation of the errors a file can give (no such
/// file, permission denied, disk full, ...), else strerror(err).
[[nodiscard]] std::string system_error_text(int err);

}  // namespace dt
