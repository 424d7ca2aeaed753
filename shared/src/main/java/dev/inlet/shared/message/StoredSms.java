package dev.inlet.shared.message;

import java.time.Instant;

/**
 * A stored message, as listed and pushed to the session's owner.
 *
 * @param sessionId the session whose inbox holds it; null in the unmatched archive
 * @param text      the text as received; null once purged after the retention window
 * @param code      the one-time code found in the text, if any (purged with the text)
 * @param receivedAt when Inlet received it (the time that routed it)
 * @param sentAt    the source's own timestamp, null when it gave none
 */
public record StoredSms(String id, String sessionId, String to, String from, String text, String code,
                        Instant receivedAt, Instant sentAt) {

  public StoredSms(String id, String sessionId, String to, String from, String text, String code,
                   Instant receivedAt) {
    this(id, sessionId, to, from, text, code, receivedAt, null);
  }

  public static StoredSms of(InboundSms sms, String sessionId, String code, Instant receivedAt) {
    return new StoredSms(sms.id(), sessionId, sms.to(), sms.from(), sms.text(), code, receivedAt, sms.sentAt());
  }
}
