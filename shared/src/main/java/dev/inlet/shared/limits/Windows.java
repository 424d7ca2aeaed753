package dev.inlet.shared.limits;

import java.time.Duration;
import java.time.Instant;

/** The fixed window of a counter that contains an instant: windows start at multiples of their length since the epoch. */
final class Windows {

  private Windows() {
  }

  record Slot(String key, Instant endsAt) {
  }

  static Slot slot(String key, Duration window, Instant now) {
    long length = Math.max(1, window.toMillis());
    long start = Math.floorDiv(now.toEpochMilli(), length) * length;
    return new Slot(key + "#" + start, Instant.ofEpochMilli(start + length));
  }
}
