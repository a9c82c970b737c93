#pragma once
// Numbers written by a user on a command line, read strictly: exactly what was written or nothing.
// (strtoull and strtod, which CLI11 uses, wrap "-1" to 2^64 - 1, read "0x10" as hex, "010" as
// octal, skip leading spaces and accept "nan".)

#include <cstdint>
#include <optional>
#include <string_view>

namespace dt {

/// `text` as a whole number written in decimal digits only — no sign, space, base prefix, exponent,
/// fraction or digit separator — from 0 to 2^64 − 1; nothing when it is not one.
[[nodiscard]] std::optional<std::uint64_t> parse_decimal(std::string_view text);

/// `text` as a finite number in decimal notation ("2", "-0.5", "1e-2"); nothing for anything else
/// (spaces, a '+', hex floats, "inf", "nan", a value beyond the range of double).
[[nodiscard]] std::optional<double> parse_finite_decimal(std::string_view text);

}  // namespace dt
