package dev.inlet.shared.message;

/**
 * Whether the node's store can serve, as the router sees it.
 *
 * @param kind    {@code storage.kind}
 * @param durable whether what it holds survives a restart
 * @param problem why it cannot serve (e.g. PostgreSQL unreachable), null when it can
 */
public record StoreHealth(String kind, boolean durable, String problem) {
}
