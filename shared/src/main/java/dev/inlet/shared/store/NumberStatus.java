package dev.inlet.shared.store;

import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.store.NumberLifecycle.NumberState;
import java.util.List;

/** A pool number with its lifecycle state (as stored: read it through {@link NumberLifecycle#effective}) and blocklist. */
public record NumberStatus(PoolNumber number, NumberState state, List<String> blockedServices) {
  public NumberStatus {
    blockedServices = List.copyOf(blockedServices);
  }
}
