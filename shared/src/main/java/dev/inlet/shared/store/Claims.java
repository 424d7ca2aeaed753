package dev.inlet.shared.store;

import dev.inlet.shared.message.StoredSms;
import java.util.List;

/** Small pieces the volatile stores share: refusal details, cursor paging. */
final class Claims {

  private Claims() {
  }

  static String noneFree(ClaimRequest r) {
    return "no free number in " + r.country() + (r.service() == null ? "" : " for " + r.service())
        + " right now; try again later";
  }

  /** The messages after the one with id {@code afterId} (from the first when null or not in the list), at most {@code limit}. */
  static List<StoredSms> page(List<StoredSms> ordered, String afterId, int limit) {
    int from = 0;
    if (afterId != null) {
      for (int i = ordered.size() - 1; i >= 0; i--) {
        if (ordered.get(i).id().equals(afterId)) {
          from = i + 1;
          break;
        }
      }
    }
    return List.copyOf(ordered.subList(Math.min(from, ordered.size()), Math.min(ordered.size(), from + limit)));
  }
}
