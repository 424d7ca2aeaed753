package dev.inlet.shared.message;

/** Extend one of the owner's sessions by {@code seconds} (within the pool's maximum rental length). */
public record ExtendRequest(String sessionId, String owner, int seconds) {
}
