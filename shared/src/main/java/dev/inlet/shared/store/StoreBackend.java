package dev.inlet.shared.store;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * An opened storage backend: the two stores, and a health check that fails with the reason when the
 * backend cannot serve (what readiness reports).
 */
public record StoreBackend(String kind, NumberPoolStore pool, InboxStore inbox, Supplier<Future<Void>> health,
                           boolean durable) {
}
