package dev.inlet.shared.lease;

import java.time.Instant;

/**
 * A lease on one bind slot of an SMSC account, held by one bind supervisor somewhere in the cluster.
 *
 * @param key       the slot, e.g. {@code operator#0}
 * @param holder    who holds it (unique per supervisor run: a thawed process is still the same holder)
 * @param token     the fencing token: it grows every time the slot changes hands, never goes back, and a renewal
 *                  succeeds only with the current one
 * @param expiresAt when the lease ends unless renewed, by the lease store's clock (for logs and status only: holders
 *                  measure their own deadline from when they asked, on their own monotonic clock)
 */
public record BindLease(String key, String holder, long token, Instant expiresAt) {
}
