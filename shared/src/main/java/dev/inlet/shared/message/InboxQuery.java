package dev.inlet.shared.message;

/** The inbox of a session (the caller has checked the right to see it). */
public record InboxQuery(String sessionId) {
}
