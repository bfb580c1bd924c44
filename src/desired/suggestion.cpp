#include "desired/suggestion.hpp"

#include <algorithm>

namespace flowctl::desired {

std::size_t edit_distance(std::string_view from, std::string_view to)
{
  // Rows of the classic dynamic programme; three are enough for swaps.
  const std::size_t width = to.size() + 1;
  std::vector<std::size_t> before(width), previous(width), current(width);
  for (std::size_t j = 0; j < width; ++j) {
    previous[j] = j;
  }
  for (std::size_t i = 1; i <= from.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j < width; ++j) {
      const std::size_t cost = from[i - 1] == to[j - 1] ? 0 : 1;
      current[j] = std::min(
          {previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && from[i - 1] == to[j - 2] &&
          from[i - 2] == to[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    before = previous;
    previous = current;
  }
  return previous[to.size()];
}

std::optional<std::string>
closest_match(std::string_view word, const std::vector<std::string>& candidates)
{
  // One edit for short words, two from six characters on: beyond that a
  // suggestion is more often wrong than helpful.
  const std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 2);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

} // namespace flowctl::desired
