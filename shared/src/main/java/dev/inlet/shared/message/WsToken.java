package dev.inlet.shared.message;

import java.time.Instant;

/** A short-lived token that lets a browser open the WebSocket of one session. */
public record WsToken(String sessionId, String token, Instant expiresAt) {
}
