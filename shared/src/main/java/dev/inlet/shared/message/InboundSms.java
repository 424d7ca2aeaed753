package dev.inlet.shared.message;

import dev.inlet.shared.sms.Segment;
import java.time.Instant;

/**
 * An SMS as it came in from a source (SMPP bind, modem, aggregator), before routing.
 *
 * @param id         unique id given at ingest; the id of the stored message too
 * @param to         destination number, E.164
 * @param from       originator as sent (a number or an alphanumeric sender such as "Google")
 * @param text       decoded text
 * @param receivedAt when Inlet received it: the time that routes it
 * @param source     which source, e.g. {@code smpp:lab}
 * @param sourceRef  the source's own reference (e.g. SMPP sequence number), for tracing
 * @param dedupKey   the same for every delivery of the same message by its source (an SMSC's retry after a
 *                   temporary error, a modem's message read again after a restart); null: never a duplicate
 * @param sentAt     the source's own timestamp of the message (SMSC or modem clock), kept and shown, never
 *                   used to route; null when the source gives none
 * @param segment    set when this is one part of a concatenated message: its place and undecoded user data (the
 *                   router holds it in the store until the message is whole, then records the message once); its
 *                   {@code text} is then the part's own text, for logs only; null for a message of its own
 * @param arrival    the source's session that brought it (e.g. one connection of an SMPP bind), whose
 *                   acknowledgements can settle its dedup key ({@link Settled}); null: none (the key then stays
 *                   claimed for the whole dedup window)
 */
public record InboundSms(String id, String to, String from, String text, Instant receivedAt, String source,
                         String sourceRef, String dedupKey, Instant sentAt, Segment segment, String arrival) {

  public InboundSms(String id, String to, String from, String text, Instant receivedAt, String source,
                    String sourceRef, String dedupKey, Instant sentAt, Segment segment) {
    this(id, to, from, text, receivedAt, source, sourceRef, dedupKey, sentAt, segment, null);
  }

  public InboundSms(String id, String to, String from, String text, Instant receivedAt, String source,
                    String sourceRef, String dedupKey, Instant sentAt) {
    this(id, to, from, text, receivedAt, source, sourceRef, dedupKey, sentAt, null);
  }

  public InboundSms(String id, String to, String from, String text, Instant receivedAt, String source,
                    String sourceRef) {
    this(id, to, from, text, receivedAt, source, sourceRef, null, null, null);
  }

  /** This message received at {@code at} (the router times messages that come without a time). */
  public InboundSms receivedAt(Instant at) {
    return new InboundSms(id, to, from, text, at, source, sourceRef, dedupKey, sentAt, segment, arrival);
  }

  /** This message as brought by the source's session {@code arrival}. */
  public InboundSms arrivedOn(String arrival) {
    return new InboundSms(id, to, from, text, receivedAt, source, sourceRef, dedupKey, sentAt, segment, arrival);
  }
}
