package dev.inlet.shared.message;

import java.time.Instant;

/**
 * One rental of a number: the session. Active while {@code endedAt} is null and now is before {@code expiresAt}.
 *
 * @param sessionId the pickup code: unguessable, given to the renter only
 * @param owner     id of the API key that rented
 * @param endedAt   when it ended (released, expired, idle, quarantined), null while active
 * @param endReason why it ended ({@code RELEASED}, {@code EXPIRED}, {@code IDLE}, {@code QUARANTINED}), null while active
 * @param lastSmsAt when the last message reached it, null before the first (the number is then RESERVED, after it IN_USE);
 *     a store may keep it to the second (PostgreSQL writes it when it moves on by a second or more)
 */
public record Rental(String sessionId, String number, String country, String service, String owner,
                     Instant startedAt, Instant expiresAt, Instant endedAt, String endReason, Instant lastSmsAt) {

  public Rental(String sessionId, String number, String country, String service, String owner,
                Instant startedAt, Instant expiresAt, Instant endedAt, String endReason) {
    this(sessionId, number, country, service, owner, startedAt, expiresAt, endedAt, endReason, null);
  }

  public boolean activeAt(Instant t) {
    return !t.isBefore(startedAt) && t.isBefore(expiresAt) && (endedAt == null || t.isBefore(endedAt));
  }

  public boolean ended(Instant now) {
    return endedAt != null || !now.isBefore(expiresAt);
  }

  /** When it stops holding its number: its end, or its expiry if sooner. */
  public Instant until() {
    return endedAt != null && endedAt.isBefore(expiresAt) ? endedAt : expiresAt;
  }

  /** Whether a message received at {@code at} belongs to it: from its start to its end plus the grace. */
  public boolean holds(Instant at, java.time.Duration grace) {
    return !at.isBefore(startedAt) && at.isBefore(until().plus(grace));
  }

  public Rental end(Instant at, String reason) {
    return new Rental(sessionId, number, country, service, owner, startedAt, expiresAt, at, reason, lastSmsAt);
  }

  public Rental extendedTo(Instant newExpiry) {
    return new Rental(sessionId, number, country, service, owner, startedAt, newExpiry, endedAt, endReason, lastSmsAt);
  }

  public Rental withSmsAt(Instant at) {
    Instant last = lastSmsAt == null || at.isAfter(lastSmsAt) ? at : lastSmsAt;
    return new Rental(sessionId, number, country, service, owner, startedAt, expiresAt, endedAt, endReason, last);
  }
}
