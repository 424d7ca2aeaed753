package dev.inlet.shared.message;

/** Filter for number listings; null fields match everything. */
public record NumbersQuery(String country, String service) {
  public static NumbersQuery all() {
    return new NumbersQuery(null, null);
  }
}
