package dev.inlet.shared.message;

/**
 * Names a session and proves the right to see it: either the owning API key's id, or a WebSocket token.
 */
public record SessionQuery(String sessionId, String owner, String wsToken) {
  public static SessionQuery byOwner(String sessionId, String owner) {
    return new SessionQuery(sessionId, owner, null);
  }

  public static SessionQuery byToken(String sessionId, String wsToken) {
    return new SessionQuery(sessionId, null, wsToken);
  }
}
