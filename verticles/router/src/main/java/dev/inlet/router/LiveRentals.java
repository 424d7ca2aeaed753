package dev.inlet.router;

import dev.inlet.shared.message.Rental;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The numbers a router serves: those a rental holds, until its end plus the grace. Learnt from the pool's
 * rental events and, at start, from the store's live rentals. Plain Java; one per router instance, used on
 * its event loop only. Its size follows the live rentals, never the pool.
 */
final class LiveRentals {

  private record Deadline(Instant at, String number) {
  }

  private final Duration grace;
  /** number -> session id -> until when that rental may still receive (its end plus the grace). */
  private final Map<String, Map<String, Instant>> rentals = new HashMap<>();
  private final PriorityQueue<Deadline> deadlines = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));

  LiveRentals(Duration grace) {
    this.grace = grace;
  }

  /**
   * Learns of a rental (started, extended, ended, or loaded at start); the latest news of a rental wins.
   *
   * @return true when its number was not served before: register its inbound address
   */
  boolean learn(Rental rental) {
    Map<String, Instant> ofNumber = rentals.get(rental.number());
    boolean isNew = ofNumber == null;
    if (isNew) {
      ofNumber = new HashMap<>();
      rentals.put(rental.number(), ofNumber);
    }
    Instant until = rental.until().plus(grace);
    ofNumber.put(rental.sessionId(), until);
    deadlines.add(new Deadline(until, rental.number()));
    return isNew;
  }

  boolean serves(String number) {
    return rentals.containsKey(number);
  }

  int size() {
    return rentals.size();
  }

  /** The numbers no known rental can receive on any more at {@code now}: unregister their inbound address. */
  List<String> lapsed(Instant now) {
    List<String> out = new ArrayList<>();
    while (!deadlines.isEmpty() && !deadlines.peek().at().isAfter(now)) {
      String number = deadlines.poll().number();
      Map<String, Instant> ofNumber = rentals.get(number);
      if (ofNumber == null) {
        continue;
      }
      ofNumber.values().removeIf(until -> !until.isAfter(now));
      if (ofNumber.isEmpty()) {
        rentals.remove(number);
        out.add(number);
      }
    }
    return out;
  }
}
