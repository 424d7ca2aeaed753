package dev.inlet.shared.message;

/**
 * A page of a session's inbox (the caller has checked the right to see it).
 *
 * @param after the id of the last message already seen, or null for the first page
 * @param limit the page size (0: the router's default)
 */
public record InboxQuery(String sessionId, String after, int limit) {
  public InboxQuery(String sessionId) {
    this(sessionId, null, 0);
  }
}
