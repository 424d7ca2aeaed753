package dev.inlet.shared.message;

/** The rentals of a number, newest first, at most {@code limit}. */
public record HistoryQuery(String number, int limit) {
}
