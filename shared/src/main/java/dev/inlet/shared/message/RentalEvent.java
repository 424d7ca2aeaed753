package dev.inlet.shared.message;

/** Published by the pool when a rental starts, is extended or ends: on the number's rental address and on the pool's. */
public record RentalEvent(Kind kind, Rental rental) {
  public enum Kind { STARTED, EXTENDED, ENDED }
}
