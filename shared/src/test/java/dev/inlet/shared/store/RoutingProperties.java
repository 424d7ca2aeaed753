package dev.inlet.shared.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inlet.shared.ClusteredNodes;
import dev.inlet.shared.bus.Failure;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.PoolNumber;
import dev.inlet.shared.message.Rental;
import dev.inlet.shared.message.StoredSms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Zero cross-session leakage and exactly one stored copy, for random schedules of rentals, releases,
 * hand-overs and messages that arrive late and are delivered again, with every call going to one of two
 * clustered nodes (the embedded store on Hazelcast) or to the in-memory store. Whatever the order, every
 * message is stored once, in the inbox of the rental that held its number at its time (grace included), and
 * in no other; and a number's next rental never starts before the last one's grace is over.
 */
class RoutingProperties {

  private static final Duration GRACE = Duration.ofSeconds(30);
  private static final Duration COOLDOWN = GRACE;
  private static final Duration WINDOW = Duration.ofHours(1);
  private static final Instant T0 = Instant.parse("2026-11-29T00:00:00Z");
  private static final List<PoolNumber> NUMBERS = List.of(
      new PoolNumber("+12125550100", "US", List.of("sms")), new PoolNumber("+12125550101", "US", List.of("sms")));

  private static Vertx nodeA;
  private static Vertx nodeB;

  @BeforeContainer
  static void cluster() throws Exception {
    List<Vertx> nodes = ClusteredNodes.start("inlet-routing-test", 15721, 15722);
    nodeA = nodes.get(0);
    nodeB = nodes.get(1);
  }

  @AfterContainer
  static void leave() throws Exception {
    ClusteredNodes.close(List.of(nodeA, nodeB));
  }

  /** One step of a schedule, at {@code atMs} after the start; {@code node} says which node serves it. */
  record Step(Kind kind, int number, long atMs, long delayMs, int retries, int node) {
  }

  enum Kind { RENT, RELEASE, SMS }

  @Provide
  Arbitrary<List<Step>> schedules() {
    Arbitrary<Step> step = Combinators.combine(
        Arbitraries.of(Kind.class), Arbitraries.integers().between(0, NUMBERS.size() - 1),
        Arbitraries.longs().between(0, 120_000), Arbitraries.longs().between(0, 40_000),
        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 1))
        .as(Step::new);
    return step.list().ofMinSize(5).ofMaxSize(40);
  }

  @Property(tries = 40)
  void onTwoClusteredNodesEveryMessageIsStoredOnceWithItsHolder(@ForAll("schedules") List<Step> schedule) throws Exception {
    String prefix = "prop." + UUID.randomUUID() + ".";
    List<SharedDataStore> nodes = List.of(new SharedDataStore(nodeA, prefix), new SharedDataStore(nodeB, prefix));
    check(schedule, i -> nodes.get(i), i -> nodes.get(i));
  }

  @Property(tries = 100)
  void inMemoryEveryMessageIsStoredOnceWithItsHolder(@ForAll("schedules") List<Step> schedule) throws Exception {
    InMemoryStore store = new InMemoryStore();
    check(schedule, i -> store, i -> store);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** What happens at one instant of the run: a rental step, or one delivery of a message. */
  private record Event(long atMs, Step step, String dedupKey, int attempt) {
  }

  private static void check(List<Step> schedule, java.util.function.IntFunction<NumberPoolStore> poolOn,
                            java.util.function.IntFunction<InboxStore> inboxOn) throws Exception {
    await(poolOn.apply(0).addNumbers(NUMBERS));
    List<Event> events = new ArrayList<>();
    int messages = 0;
    for (Step s : schedule) {
      if (s.kind() == Kind.SMS) {
        String key = "msg-" + messages++;
        // the message reaches Inlet at atMs (its time), is recorded after a delay, and is delivered again
        // by a retrying SMSC, each delivery later than the one before
        for (int attempt = 0; attempt <= s.retries(); attempt++) {
          events.add(new Event(s.atMs() + s.delayMs() + attempt * 7_000L, s, key, attempt));
        }
      } else {
        events.add(new Event(s.atMs(), s, null, 0));
      }
    }
    // at one instant, rentals change first: a message received at the very millisecond a rental starts is its
    events.sort(Comparator.comparingLong(Event::atMs).thenComparing(e -> e.step().kind() == Kind.SMS));

    Map<Integer, String> current = new HashMap<>();
    Map<String, Instant> firstDelivery = new HashMap<>();
    int sessions = 0;
    for (Event e : events) {
      Step s = e.step();
      String number = NUMBERS.get(s.number()).number();
      Instant at = T0.plusMillis(e.atMs());
      switch (s.kind()) {
        case RENT -> {
          String session = "s" + sessions++;
          Future<Rental> claim = poolOn.apply(s.node()).claim(new ClaimRequest(session, number, null, null,
              "owner-" + session, at, at.plusSeconds(60)));
          try {
            await(claim);
            current.put(s.number(), session);
          } catch (java.util.concurrent.ExecutionException refused) {
            assertThat(Failure.of(refused.getCause())).isEqualTo(Failure.NUMBER_UNAVAILABLE);
          }
        }
        case RELEASE -> {
          String session = current.remove(s.number());
          if (session != null) {
            await(poolOn.apply(s.node()).end(session, at, "RELEASED", COOLDOWN));
          }
        }
        case SMS -> {
          // the message's time is when Inlet received this delivery: a delayed router records it later
          Instant received = T0.plusMillis(s.atMs() + e.attempt() * 7_000L);
          firstDelivery.putIfAbsent(e.dedupKey(), received);
          InboundSms sms = new InboundSms(e.dedupKey() + "-" + e.attempt(), number, "Google", "code " + e.dedupKey(),
              received, "prop", "1", e.dedupKey(), null);
          await(inboxOn.apply((s.node() + e.attempt()) % 2).record(sms, null, GRACE, WINDOW));
        }
        default -> throw new IllegalStateException();
      }
    }

    // every rental of each number, from the store's history
    Map<String, List<Rental>> history = new HashMap<>();
    List<StoredSms> stored = new ArrayList<>(await(inboxOn.apply(0).unmatched(null, 10_000)));
    for (PoolNumber n : NUMBERS) {
      List<Rental> rentals = await(poolOn.apply(1).history(n.number(), 10_000));
      history.put(n.number(), rentals);
      for (Rental r : rentals) {
        stored.addAll(await(inboxOn.apply(1).inbox(r.sessionId(), null, 10_000)));
      }
      List<Rental> oldestFirst = new ArrayList<>(rentals);
      oldestFirst.sort(Comparator.comparing(Rental::startedAt));
      for (int i = 1; i < oldestFirst.size(); i++) {
        Rental before = oldestFirst.get(i - 1);
        assertThat(oldestFirst.get(i).startedAt())
            .as("a number's next rental starts after the grace of the one before")
            .isAfterOrEqualTo(before.until().plus(GRACE));
      }
    }

    assertThat(stored).extracting(m -> m.text()).doesNotHaveDuplicates();
    assertThat(stored).hasSize(messages);
    for (StoredSms m : stored) {
      String key = m.text().substring("code ".length());
      Optional<Rental> holder = history.get(m.to()).stream()
          .filter(r -> r.holds(m.receivedAt(), GRACE))
          .max(Comparator.comparing(Rental::startedAt));
      assertThat(m.sessionId()).as("session of %s received at %s", key, m.receivedAt())
          .isEqualTo(holder.map(Rental::sessionId).orElse(null));
      assertThat(m.receivedAt()).isAfterOrEqualTo(firstDelivery.get(key));
    }
  }
}
