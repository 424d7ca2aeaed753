package dev.inlet.shared.lease;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;

/**
 * Cluster-wide leases on SMSC bind slots, with fencing tokens: at any time at most one holder may act on a slot.
 * Implementations: {@link SharedDataBindLeases} (Vert.x shared data: in the node, or Hazelcast across a cluster; for
 * lab use, since a partitioned Hazelcast member keeps its own copy) and the PostgreSQL one of {@code storage-postgres}.
 * One contract suite ({@code BindLeasesContract}) runs against each.
 *
 * <p>A holder that asked at monotonic time {@code t} and got the lease (or a renewal) may act until {@code t + ttl}
 * and no longer: the store's expiry was set after it asked. Before acting after that, it must renew; a renewal that
 * answers false means another holder took the slot, and the old holder must stop (unbind) without acting.
 */
public interface BindLeases {

  /**
   * Takes the slot {@code key} for {@code holder} for {@code ttl}, when nobody holds it, its lease has expired, or
   * {@code holder} holds it already (then it is extended, same token). A change of hands gives a higher token.
   * Answers empty while another holder's lease runs.
   */
  Future<Optional<BindLease>> acquire(String key, String holder, Duration ttl);

  /**
   * Extends {@code lease} by {@code ttl} from now: the renewed lease while it is still the current one (same holder
   * and token, even past its expiry if nobody took the slot meanwhile), empty once another holder took it.
   * Fails (rather than answering empty) when the store cannot be reached.
   */
  Future<Optional<BindLease>> renew(BindLease lease, Duration ttl);

  /** Gives the slot up at once (when {@code lease} is still current); the token is kept, so it still only grows. */
  Future<Void> release(BindLease lease);
}
