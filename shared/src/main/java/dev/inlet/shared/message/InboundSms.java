package dev.inlet.shared.message;

import java.time.Instant;

/**
 * An SMS as it came in from a source (SMPP bind, modem, aggregator), before routing.
 *
 * @param id         unique id given at ingest; the id of the stored message too
 * @param to         destination number, E.164
 * @param from       originator as sent (a number or an alphanumeric sender such as "Google")
 * @param text       decoded text
 * @param receivedAt when the source received it
 * @param source     which source, e.g. {@code smpp:lab}
 * @param sourceRef  the source's own reference (e.g. SMPP sequence number or receipted id), for tracing and deduplication
 */
public record InboundSms(String id, String to, String from, String text, Instant receivedAt, String source,
                         String sourceRef) {
}
