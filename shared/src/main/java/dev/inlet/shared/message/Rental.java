package dev.inlet.shared.message;

import java.time.Instant;

/**
 * One rental of a number: the session. Active while {@code endedAt} is null and now is before {@code expiresAt}.
 *
 * @param sessionId the pickup code: unguessable, given to the renter only
 * @param owner     id of the API key that rented
 * @param endReason why it ended (RELEASED, EXPIRED), null while active
 */
public record Rental(String sessionId, String number, String country, String service, String owner,
                     Instant startedAt, Instant expiresAt, Instant endedAt, String endReason) {

  public boolean activeAt(Instant t) {
    return !t.isBefore(startedAt) && t.isBefore(expiresAt) && (endedAt == null || t.isBefore(endedAt));
  }

  public boolean ended(Instant now) {
    return endedAt != null || !now.isBefore(expiresAt);
  }

  public Rental end(Instant at, String reason) {
    return new Rental(sessionId, number, country, service, owner, startedAt, expiresAt, at, reason);
  }
}
