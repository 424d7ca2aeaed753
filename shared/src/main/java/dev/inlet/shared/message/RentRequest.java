package dev.inlet.shared.message;

/**
 * A request to rent a number: either a given {@code number}, or any free one of {@code country}.
 *
 * @param owner           the id of the API key that rents (sessions are visible to their owner only)
 * @param durationSeconds requested window; 0 means the pool's default
 */
public record RentRequest(String number, String country, String service, String owner, int durationSeconds) {
}
