package dev.inlet.shared.message;

/** The rental that held a number at the asked instant, or null when none did. */
public record Holder(Rental rental) {
}
