package dev.inlet.shared.message;

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
 */
public record InboundSms(String id, String to, String from, String text, Instant receivedAt, String source,
                         String sourceRef, String dedupKey, Instant sentAt) {

  public InboundSms(String id, String to, String from, String text, Instant receivedAt, String source,
                    String sourceRef) {
    this(id, to, from, text, receivedAt, source, sourceRef, null, null);
  }
}
