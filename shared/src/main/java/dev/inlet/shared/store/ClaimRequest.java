package dev.inlet.shared.store;

import java.time.Instant;

/**
 * Claim a number for a new rental: the named {@code number}, or else any number of {@code country}
 * that is free at {@code at} and not on the blocklist of {@code service}.
 *
 * @param sessionId the new rental's id; a claim retried with the same id answers the same rental
 * @param service   the service the renter wants to receive from (may be null)
 */
public record ClaimRequest(String sessionId, String number, String country, String service, String owner,
                           Instant at, Instant expiresAt) {
}
