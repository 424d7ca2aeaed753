package dev.inlet.shared.message;

import java.time.Instant;

/** A message in a session's inbox, as listed and pushed to the session's owner. */
public record StoredSms(String id, String sessionId, String to, String from, String text, String code,
                        Instant receivedAt) {
}
