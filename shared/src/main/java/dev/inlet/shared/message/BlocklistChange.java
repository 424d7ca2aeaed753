package dev.inlet.shared.message;

/** Puts a number on ({@code blocked} true) or takes it off the blocklist of a service. */
public record BlocklistChange(String number, String service, boolean blocked) {
}
