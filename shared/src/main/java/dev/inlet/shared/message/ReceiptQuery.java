package dev.inlet.shared.message;

/**
 * A page of stored delivery receipts, in the order received.
 *
 * @param after the id of the last receipt already seen, null: from the first
 * @param limit at most this many (0: the default page)
 */
public record ReceiptQuery(String after, int limit) {
}
