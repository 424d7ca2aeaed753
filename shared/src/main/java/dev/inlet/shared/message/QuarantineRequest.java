package dev.inlet.shared.message;

import java.time.Instant;

/**
 * Puts a number in quarantine ({@code quarantined} true: until {@code until}, null for until returned by hand, a rental
 * that holds it ends QUARANTINED), or returns it to the pool ({@code quarantined} false: through the rest of its
 * cooling-off).
 */
public record QuarantineRequest(String number, boolean quarantined, Instant until, String reason) {
}
