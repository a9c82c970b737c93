#pragma once
// "Did you mean ...?" for misspelt keys and choices in scenario files.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace dt {

/// Optimal-string-alignment (restricted Damerau–Levenshtein) distance: the number of single-byte
/// insertions, deletions, substitutions and swaps of two neighbours that turn `a` into `b`.
/// Case-sensitive; O(|a|·|b|) time.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate a planner most likely meant by `word`, or nothing when none is close enough.
///
/// Compares ASCII-case-insensitively (so 'Width' suggests 'width'). A candidate qualifies when its
/// distance d to `word` satisfies d <= max(1, |word| / 3) and d < max(|word|, |candidate|) (a
/// suggestion never replaces every letter). The smallest d wins; ties go to the candidate that
/// comes first in `candidates`. A candidate equal to `word` is returned as is (d = 0).
[[nodiscard]] std::optional<std::string> closest_match(std::string_view word,
                                                       std::span<const std::string> candidates);

}  // namespace dt
