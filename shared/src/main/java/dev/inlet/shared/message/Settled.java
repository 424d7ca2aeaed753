package dev.inlet.shared.message;

import java.time.Instant;
import java.util.List;

/**
 * What a source knows about its acknowledgements: which of its messages' acknowledgements surely reached it (the
 * source will not deliver those again, so a later message with the same dedup key is a new message, the same text
 * sent twice) and which may not have (a later message with the same key, within the dedup window, is a retry).
 *
 * <p>A session settles by its horizon: one {@code until} per session covers every message that arrived on it, so
 * settling costs nothing per message. The exceptions are named one by one, and they are rare.
 *
 * @param arrival     the session ({@link InboundSms#arrival}) the horizon is about; null: no horizon
 * @param until       every message that arrived on {@code arrival} up to this instant had its acknowledgement reach
 *                    the source, except those {@code keptClaimed}; null: no horizon
 * @param keptClaimed messages whose acknowledgement may not have reached the source although they were stored
 *                    (answered late or with an error): they stay claimed for the window, whatever the horizon
 * @param settled     messages whose acknowledgement reached the source, settled at once (beyond the horizon)
 */
public record Settled(String arrival, Instant until, List<DedupClaim> keptClaimed, List<DedupClaim> settled) {

  public Settled {
    keptClaimed = keptClaimed == null ? List.of() : List.copyOf(keptClaimed);
    settled = settled == null ? List.of() : List.copyOf(settled);
  }

  /** These messages settled at once, no horizon. */
  public static Settled messages(List<DedupClaim> settled) {
    return new Settled(null, null, List.of(), settled);
  }

  /** Whether it says nothing. */
  public boolean isEmpty() {
    return (arrival == null || until == null) && keptClaimed.isEmpty() && settled.isEmpty();
  }
}
