package dev.inlet.shared.store;

import dev.inlet.shared.message.InboundSms;
import java.util.List;

/**
 * What the store did with one part of a concatenated message ({@link InboxStore#holdPart}).
 *
 * @param status where the message stands
 * @param parts  when {@link Status#WHOLE}: every part held, one per number, in order; else empty
 */
public record HeldParts(Status status, List<InboundSms> parts) {

  public enum Status {
    /** The part is durably held; others are still missing. */
    WAITING,
    /** Every part is held: the caller records the message, then calls {@link InboxStore#partsDelivered}. */
    WHOLE,
    /** The message was recorded already: this part is a source's retry, nothing was held. */
    DELIVERED
  }

  public HeldParts {
    parts = List.copyOf(parts);
  }
}
