package dev.inlet.shared.message;

import dev.inlet.shared.store.NumberStatus;
import java.util.List;

/** Pool numbers with their stored state and blocklist, in number order (answer of {@code POOL_NUMBERS}, {@code POOL_QUARANTINE}, {@code POOL_BLOCKLIST}). */
public record NumberStatusList(List<NumberStatus> numbers) {
  public NumberStatusList {
    numbers = List.copyOf(numbers);
  }
}
