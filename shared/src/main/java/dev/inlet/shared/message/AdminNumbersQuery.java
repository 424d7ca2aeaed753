package dev.inlet.shared.message;

/**
 * A page of the pool for the admin API, in number order: every number whatever its state.
 *
 * @param country ISO 3166 code, or null for all
 * @param after   the last number of the previous page, or null
 * @param limit   page size
 */
public record AdminNumbersQuery(String country, String after, int limit) {
}
