package dev.inlet.shared.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every bind-lease store must do: one suite for the embedded (shared data) and PostgreSQL leases. Each test
 * uses slots of its own, so backends need not be emptied between tests.
 */
@ExtendWith(VertxExtension.class)
public abstract class BindLeasesContract {

  private static final Duration LONG = Duration.ofSeconds(30);
  private static final Duration SHORT = Duration.ofMillis(300);

  protected BindLeases leases;
  private String key;

  /** The leases under test. */
  protected abstract Future<BindLeases> open(Vertx vertx);

  @BeforeEach
  void openLeases(Vertx vertx) throws Exception {
    leases = open(vertx).await(20, TimeUnit.SECONDS);
    key = "operator-" + UUID.randomUUID() + "#0";
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  private BindLease acquired(String holder, Duration ttl) throws Exception {
    Optional<BindLease> lease = await(leases.acquire(key, holder, ttl));
    assertThat(lease).as("lease for " + holder).isPresent();
    return lease.get();
  }

  private static void waitPast(Vertx vertx, Duration ttl) throws Exception {
    vertx.timer(ttl.toMillis() + 100).await(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("a free slot is leased to the first holder, who gets a fencing token")
  void freeSlotIsLeased() throws Exception {
    BindLease lease = acquired("node-a", LONG);

    assertThat(lease.key()).isEqualTo(key);
    assertThat(lease.holder()).isEqualTo("node-a");
    assertThat(lease.token()).isPositive();
  }

  @Test
  @DisplayName("while a lease runs another holder is refused")
  void heldSlotIsRefused() throws Exception {
    acquired("node-a", LONG);

    assertThat(await(leases.acquire(key, "node-b", LONG))).isEmpty();
  }

  @Test
  @DisplayName("the holder asking again keeps its token")
  void holderKeepsItsToken() throws Exception {
    BindLease first = acquired("node-a", LONG);

    assertThat(acquired("node-a", LONG).token()).isEqualTo(first.token());
  }

  @Test
  @DisplayName("an expired lease goes to another holder with a higher token, and the old holder can no longer renew")
  void expiredLeaseChangesHands(Vertx vertx) throws Exception {
    BindLease old = acquired("node-a", SHORT);
    waitPast(vertx, SHORT);

    BindLease taken = acquired("node-b", LONG);

    assertThat(taken.token()).isGreaterThan(old.token());
    assertThat(await(leases.renew(old, LONG))).isEmpty();
    assertThat(await(leases.acquire(key, "node-a", LONG))).isEmpty();
  }

  @Test
  @DisplayName("a renewed lease outlives its first term")
  void renewalExtends(Vertx vertx) throws Exception {
    BindLease lease = acquired("node-a", Duration.ofMillis(600));

    Optional<BindLease> renewed = await(leases.renew(lease, LONG));
    waitPast(vertx, Duration.ofMillis(600));

    assertThat(renewed).hasValueSatisfying(r -> assertThat(r.token()).isEqualTo(lease.token()));
    assertThat(await(leases.acquire(key, "node-b", LONG))).isEmpty();
  }

  @Test
  @DisplayName("a holder whose lease expired while nobody took the slot may renew it (nobody else acted)")
  void expiredButUntakenRenews(Vertx vertx) throws Exception {
    BindLease lease = acquired("node-a", SHORT);
    waitPast(vertx, SHORT);

    assertThat(await(leases.renew(lease, LONG))).isPresent();
    assertThat(await(leases.acquire(key, "node-b", LONG))).isEmpty();
  }

  @Test
  @DisplayName("a released slot is free at once, and its next holder gets a higher token")
  void releaseFreesTheSlot() throws Exception {
    BindLease lease = acquired("node-a", LONG);

    await(leases.release(lease));
    BindLease next = acquired("node-b", LONG);

    assertThat(next.token()).isGreaterThan(lease.token());
  }

  @Test
  @DisplayName("a stale lease released by its old holder does not free the slot of the new one")
  void staleReleaseIsHarmless(Vertx vertx) throws Exception {
    BindLease old = acquired("node-a", SHORT);
    waitPast(vertx, SHORT);
    acquired("node-b", LONG);

    await(leases.release(old));

    assertThat(await(leases.acquire(key, "node-c", LONG))).isEmpty();
  }

  @Test
  @DisplayName("of many holders asking at once exactly one gets the slot")
  void oneOfManyWins() throws Exception {
    List<Future<Optional<BindLease>>> asks = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      asks.add(leases.acquire(key, "node-" + i, LONG));
    }
    await(Future.join(asks));

    assertThat(asks.stream().filter(f -> f.succeeded() && f.result().isPresent()).count()).isEqualTo(1);
  }

  @Test
  @DisplayName("tokens only grow as the slot changes hands again and again")
  void tokensOnlyGrow() throws Exception {
    long last = 0;
    for (int i = 0; i < 5; i++) {
      BindLease lease = acquired("node-" + i, LONG);
      assertThat(lease.token()).isGreaterThan(last);
      last = lease.token();
      await(leases.release(lease));
    }
  }

  @Test
  @DisplayName("slots are independent: two slots of one account have two holders")
  void slotsAreIndependent() throws Exception {
    acquired("node-a", LONG);

    assertThat(await(leases.acquire(key.replace("#0", "#1"), "node-b", LONG))).isPresent();
  }
}
