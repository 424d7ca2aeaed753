package dev.inlet.shared.message;

/** Published by the pool on a number's rental address when a rental starts or ends. */
public record RentalEvent(Kind kind, Rental rental) {
  public enum Kind { STARTED, ENDED }
}
