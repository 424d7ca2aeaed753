package dev.inlet.durability;

import dev.inlet.smpp.JsmppSmsc;
import dev.inlet.smpp.SmppStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.SMPPServerSession;

/**
 * The kill -9 scenario, shared by {@link KillNineTest} (2,000 messages) and {@link KillNineBench} (20,000).
 *
 * <p>A production node ({@code java -jar node/target/inlet.jar}, storage {@code postgres}: PostgreSQL plus Redis) is
 * bound as a receiver to an operator's SMSC ({@link JsmppSmsc} with a probe). One number is rented over the REST API.
 * Several sender threads of the SMSC deliver unique messages to it, each synchronously (deliver_sm, then wait for
 * deliver_sm_resp), and note which were acknowledged with ESME_ROK. Once a share of them is acknowledged the node
 * is killed with SIGKILL while the senders keep going: what was in flight fails, and like an SMSC they deliver every
 * unacknowledged message again, with the same content (so the same dedup key), until it is acknowledged by the
 * restarted node. Then PostgreSQL and the REST API are read: what was acknowledged must be stored, nothing twice.
 */
final class KillNineScenario {

  static final String NUMBER = "+4915112345678";
  static final String SENDER = "4917099887766";
  static final String API_KEY = "durability-test-key-4d6f2a";
  static final String BIND_NAME = "operator";
  static final String HTTP_LINE = "HTTP API listening";
  static final String BOUND_LINE = "[" + BIND_NAME + "] bound to";
  private static final Pattern COUNTER = Pattern.compile("message (\\d+) ");

  /**
   * @param messages     how many distinct messages the SMSC delivers
   * @param senders      how many SMSC threads deliver at once (one outstanding deliver_sm each)
   * @param killFraction the node is killed once this share of the messages is acknowledged
   * @param lostAcks     how many of the messages acknowledged last before the kill the SMSC delivers once more
   *                     after the restart, as if their deliver_sm_resp had been lost on the way (a retry the node
   *                     must answer as a duplicate: ESME_ROK, nothing stored)
   * @param deadline     how long all deliveries may take, restart included
   */
  record Settings(int messages, int senders, double killFraction, int lostAcks, Duration deadline) {
    int killAt() {
      return Math.max(1, (int) Math.round(messages * killFraction));
    }
  }

  /** What the run observed. Message sets hold counters (0 .. messages-1). */
  record Result(
      Settings settings,
      int cores,
      long firstStartMs,
      long restartMs,
      long durationMs,
      int ackedBeforeKill,
      int ackedTotal,
      long deliveries,
      int retriedMessages,
      int lostAcksReplayed,
      int lostAcksAnsweredOk,
      Map<String, Integer> failedAttempts,
      TreeSet<Integer> rejected,
      TreeSet<Integer> unfinished,
      int storedAtKill,
      int storedUnackedAtKill,
      TreeSet<Integer> missingAtKill,
      int storedRows,
      TreeSet<Integer> missing,
      TreeMap<Integer, Integer> storedTwice,
      int foreignRows,
      Map<String, Integer> rowsBySession,
      String sessionId,
      boolean rentalActive,
      int inboxStatus,
      int inboxListed,
      TreeSet<Integer> inboxMissing,
      int inboxDuplicates,
      String probeAtFirstBind,
      String probeAtRestartBind,
      int restartHttpLine,
      int restartBoundLine,
      String restartLogTail) {

    /** The figures, one per line. */
    String report() {
      StringBuilder sb = new StringBuilder();
      line(sb, "messages sent (distinct)", settings.messages());
      line(sb, "sender threads", settings.senders());
      line(sb, "deliver_sm sent (with re-deliveries)", deliveries);
      line(sb, "acked before kill -9", ackedBeforeKill);
      line(sb, "acked total", ackedTotal);
      line(sb, "messages that needed re-delivery", retriedMessages);
      line(sb, "acked messages delivered again (lost acks)", lostAcksReplayed + " (answered ESME_ROK: "
          + lostAcksAnsweredOk + ")");
      line(sb, "failed attempts by kind", failedAttempts);
      line(sb, "stored when killed", storedAtKill);
      line(sb, "  of which not (yet) acked", storedUnackedAtKill);
      line(sb, "acked before kill but not stored at kill", missingAtKill.size());
      line(sb, "rows stored in the end", storedRows);
      line(sb, "missing (acked but not stored)", missing.size());
      line(sb, "stored twice (messages with >1 row)", storedTwice.size());
      line(sb, "rejected permanently", rejected.size());
      line(sb, "never acked (deadline)", unfinished.size());
      line(sb, "rental still active", rentalActive);
      line(sb, "inbox listed over REST", inboxListed + " (HTTP " + inboxStatus + ", missing " + inboxMissing.size() + ", duplicates "
          + inboxDuplicates + ")");
      line(sb, "first start: process start -> bind", firstStartMs + " ms");
      line(sb, "time to restart: process start -> bind", restartMs + " ms");
      line(sb, "HTTP API when the SMSC saw the first bind", probeAtFirstBind);
      line(sb, "HTTP API when the SMSC saw the restart bind", probeAtRestartBind);
      line(sb, "total run time", durationMs + " ms");
      line(sb, "cores", cores);
      return sb.toString();
    }

    private static void line(StringBuilder sb, String what, Object value) {
      sb.append(String.format("  %-44s %s%n", what, value));
    }
  }

  /** The SMSC's current bind (null while the node is down) and its generation. */
  private record Link(SMPPServerSession session, int generation) {
  }

  private final Settings settings;
  private final AtomicIntegerArray acked;
  /** The counters in the order they were acknowledged. */
  private final AtomicIntegerArray ackOrder;
  private final AtomicInteger ackedCount = new AtomicInteger();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicLong deliveries = new AtomicLong();
  private final AtomicInteger retried = new AtomicInteger();
  private final Map<String, Integer> failures = new ConcurrentHashMap<>();
  private final TreeSet<Integer> rejected = new TreeSet<>();
  private final CountDownLatch killPoint = new CountDownLatch(1);
  private final AtomicBoolean aborted = new AtomicBoolean();
  private final Object linkLock = new Object();
  private Link link;

  KillNineScenario(Settings settings) {
    this.settings = settings;
    this.acked = new AtomicIntegerArray(settings.messages());
    this.ackOrder = new AtomicIntegerArray(settings.messages());
  }

  static String text(int counter) {
    return String.format("Inlet durability message %06d code %06d", counter, counter);
  }

  static int counter(String text) {
    Matcher m = text == null ? null : COUNTER.matcher(text);
    return m != null && m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  Result run() throws Exception {
    long runStarted = System.nanoTime();
    DurabilityDatabase.reset();
    Path workDir = Files.createTempDirectory("inlet-durability");
    Path conf = workDir.resolve("durability.json");
    Files.writeString(conf, new JsonObject()
        .put("smpp", new JsonObject().put("name", BIND_NAME))
        .put("pool", new JsonObject().put("numbers", new JsonArray()
            .add(new JsonObject().put("number", NUMBER).put("country", "DE"))))
        .encodePrettily());
    int httpPort = freePort();
    int smscPort = freePort();
    Map<String, String> env = new HashMap<>();
    env.put("INLET_MODE", "production");
    env.put("INLET_ROLES", "pool,router,http,smpp");
    env.put("INLET_STORAGE", "postgres");
    env.put("INLET_PG_URI", DurabilityDatabase.PG_URI);
    env.put("INLET_REDIS_URI", DurabilityDatabase.REDIS_URI);
    env.put("INLET_API_KEY", API_KEY);
    env.put("INLET_HTTP_HOST", "127.0.0.1");
    env.put("INLET_HTTP_PORT", Integer.toString(httpPort));
    env.put("INLET_SMPP_HOST", "127.0.0.1");
    env.put("INLET_SMPP_PORT", Integer.toString(smscPort));
    env.put("INLET_SMPP_SYSTEM_ID", JsmppSmsc.SYSTEM_ID);
    env.put("INLET_SMPP_PASSWORD", JsmppSmsc.PASSWORD);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    NodeJar first = null;
    NodeJar second = null;
    List<Thread> senders = new ArrayList<>();
    try (JsmppSmsc smsc = new JsmppSmsc(smscPort, () -> probe(http, httpPort))) {
      first = NodeJar.start(workDir, env, "--conf", conf.toString());
      JsmppSmsc.Bind firstBind = awaitBind(smsc, first);
      long firstStartMs = TimeUnit.NANOSECONDS.toMillis(firstBind.acceptedNanos() - first.startedNanos());
      String sessionId = rent(http, httpPort);
      setLink(new Link(firstBind.session(), 1));

      for (int t = 0; t < settings.senders(); t++) {
        Thread sender = new Thread(this::send, "durability-sender-" + t);
        sender.setDaemon(true);
        senders.add(sender);
        sender.start();
      }

      // kill -9 once enough is acknowledged
      if (!killPoint.await(settings.deadline().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("only " + ackedCount.get() + " of " + settings.killAt()
            + " messages were acknowledged before the deadline; node output:\n" + first.tail(60));
      }
      first.kill9(10, TimeUnit.SECONDS);
      BitSet ackedAtKill = ackedSnapshot();
      List<Integer> lastAcked = lastAcked(ackedAtKill, settings.lostAcks());
      setLink(null);
      firstBind.session().close();
      senders.forEach(Thread::interrupt); // like an SMSC seeing the connection drop: the outstanding deliveries failed

      DurabilityDatabase.Stored atKill = DurabilityDatabase.stored(NUMBER);
      BitSet storedAtKill = counters(atKill.copiesByText().keySet());
      TreeSet<Integer> missingAtKill = minus(ackedAtKill, storedAtKill);
      BitSet storedUnacked = (BitSet) storedAtKill.clone();
      storedUnacked.andNot(ackedAtKill);

      second = NodeJar.start(workDir, env, "--conf", conf.toString());
      JsmppSmsc.Bind restartBind = awaitBind(smsc, second);
      long restartMs = TimeUnit.NANOSECONDS.toMillis(restartBind.acceptedNanos() - second.startedNanos());
      setLink(new Link(restartBind.session(), 2));

      // the SMSC never saw the acks of the last messages the dead node acknowledged: it delivers them again
      int lostAcksOk = 0;
      for (int i : lastAcked) {
        if (deliverUntilAnswered(i)) {
          lostAcksOk++;
        }
      }

      long deadline = runStarted + settings.deadline().toNanos();
      for (Thread sender : senders) {
        sender.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
      aborted.set(true);
      senders.forEach(Thread::interrupt);
      for (Thread sender : senders) {
        sender.join(15_000);
      }
      BitSet ackedAll = ackedSnapshot();
      TreeSet<Integer> unfinished = new TreeSet<>();
      for (int i = 0; i < settings.messages(); i++) {
        if (!ackedAll.get(i) && !rejectedContains(i)) {
          unfinished.add(i);
        }
      }

      second.awaitLine(BOUND_LINE, 10, TimeUnit.SECONDS);
      int httpLine = second.indexOf(HTTP_LINE);
      int boundLine = second.indexOf(BOUND_LINE);

      DurabilityDatabase.Stored end = DurabilityDatabase.stored(NUMBER);
      TreeMap<Integer, Integer> storedTwice = new TreeMap<>();
      int foreign = 0;
      for (Map.Entry<String, Integer> e : end.copiesByText().entrySet()) {
        int c = counter(e.getKey());
        if (c < 0 || c >= settings.messages()) {
          foreign += e.getValue();
        } else if (e.getValue() > 1) {
          storedTwice.put(c, e.getValue());
        }
      }
      TreeSet<Integer> missing = minus(ackedAll, counters(end.copiesByText().keySet()));
      boolean rentalActive = DurabilityDatabase.rentalActive(sessionId);

      Inbox inbox = inbox(http, httpPort, sessionId);
      TreeSet<Integer> inboxMissing = minus(ackedAll, inbox.counters());

      Result result = new Result(settings, Runtime.getRuntime().availableProcessors(), firstStartMs, restartMs,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - runStarted), ackedAtKill.cardinality(),
          ackedAll.cardinality(), deliveries.get(), retried.get(), lastAcked.size(), lostAcksOk,
          new TreeMap<>(failures), rejectedCopy(), unfinished,
          atKill.rows(), storedUnacked.cardinality(), missingAtKill, end.rows(), missing, storedTwice, foreign,
          end.rowsBySession(), sessionId, rentalActive, inbox.status(), inbox.listed(), inboxMissing,
          inbox.duplicates(), firstBind.probe(), restartBind.probe(), httpLine, boundLine, second.tail(40));
      if (Boolean.getBoolean("durability.log")) {
        printLog("first node (killed)", first, first.startedNanos());
        printLog("restarted node", second, second.startedNanos());
      }
      int exit = second.terminate(40, TimeUnit.SECONDS);
      if (exit != 143) {
        System.err.println("the restarted node exited with " + exit + " on SIGTERM");
      }
      return result;
    } finally {
      aborted.set(true);
      senders.forEach(Thread::interrupt);
      if (first != null) {
        first.close();
      }
      if (second != null) {
        second.close();
      }
      deleteQuietly(workDir);
    }
  }

  // ---- the SMSC's senders ---------------------------------------------------------------------------------------

  private void send() {
    while (!aborted.get()) {
      int i = next.getAndIncrement();
      if (i >= settings.messages()) {
        return;
      }
      if (deliverUntilAnswered(i)) {
        acked.set(i, 1);
        int n = ackedCount.incrementAndGet();
        ackOrder.set(n - 1, i);
        if (n >= settings.killAt()) {
          killPoint.countDown();
        }
      }
    }
  }

  /**
   * Delivers message {@code i} until the node answers: true for ESME_ROK, false for a permanent error (or when the
   * run is aborted). After a temporary error, a timeout or a lost connection it delivers again, as an SMSC does.
   */
  private boolean deliverUntilAnswered(int i) {
    byte[] payload = text(i).getBytes(StandardCharsets.US_ASCII);
    int attempts = 0;
    while (!aborted.get()) {
      Link current = awaitLink();
      if (current == null) {
        return false; // aborted
      }
      attempts++;
      deliveries.incrementAndGet();
      try {
        JsmppSmsc.deliver(current.session(), SENDER, NUMBER.substring(1), 0, 0x00, payload);
        if (attempts > 1) {
          retried.incrementAndGet();
        }
        return true;
      } catch (NegativeResponseException e) {
        failures.merge(SmppStatus.name(e.getCommandStatus()), 1, Integer::sum);
        if (!SmppStatus.isTemporary(e.getCommandStatus())) {
          synchronized (rejected) {
            rejected.add(i);
          }
          return false;
        }
        retryDelay(50);
      } catch (Exception e) {
        // the node died with the deliver_sm outstanding (timeout, closed session) or the session is gone
        failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        Thread.interrupted();
        awaitOtherLink(current);
      }
    }
    return false;
  }

  private void setLink(Link l) {
    synchronized (linkLock) {
      link = l;
      linkLock.notifyAll();
    }
  }

  /** The current bind, waiting while there is none; null once aborted. */
  private Link awaitLink() {
    synchronized (linkLock) {
      while (link == null && !aborted.get()) {
        try {
          linkLock.wait(200);
        } catch (InterruptedException e) {
          // the kill: keep waiting for the restart
        }
      }
      return aborted.get() ? null : link;
    }
  }

  /** After a failed delivery on {@code failed}: waits for a newer bind, unless {@code failed} is still bound. */
  private void awaitOtherLink(Link failed) {
    synchronized (linkLock) {
      while (!aborted.get() && (link == null || link == failed && !failed.session().getSessionState().isBound())) {
        try {
          linkLock.wait(200);
        } catch (InterruptedException e) {
          // keep waiting
        }
      }
    }
    retryDelay(10);
  }

  /** An SMSC waits a little before delivering again after a temporary error or a lost link (not synchronisation). */
  private static void retryDelay(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      // the kill; go on
    }
  }

  private BitSet ackedSnapshot() {
    BitSet out = new BitSet(settings.messages());
    for (int i = 0; i < settings.messages(); i++) {
      if (acked.get(i) == 1) {
        out.set(i);
      }
    }
    return out;
  }

  /** Up to {@code n} counters of {@code ackedAtKill}, the last acknowledged first. */
  private List<Integer> lastAcked(BitSet ackedAtKill, int n) {
    List<Integer> out = new ArrayList<>();
    for (int pos = ackedCount.get() - 1; pos >= 0 && out.size() < n; pos--) {
      int i = ackOrder.get(pos);
      if (ackedAtKill.get(i) && !out.contains(i)) {
        out.add(i);
      }
    }
    return out;
  }

  private boolean rejectedContains(int i) {
    synchronized (rejected) {
      return rejected.contains(i);
    }
  }

  private TreeSet<Integer> rejectedCopy() {
    synchronized (rejected) {
      return new TreeSet<>(rejected);
    }
  }

  private BitSet counters(Iterable<String> texts) {
    BitSet out = new BitSet(settings.messages());
    for (String t : texts) {
      int c = counter(t);
      if (c >= 0 && c < settings.messages()) {
        out.set(c);
      }
    }
    return out;
  }

  /** The members of {@code a} that are not in {@code b}. */
  private static TreeSet<Integer> minus(BitSet a, BitSet b) {
    BitSet d = (BitSet) a.clone();
    d.andNot(b);
    TreeSet<Integer> out = new TreeSet<>();
    d.stream().forEach(out::add);
    return out;
  }

  // ---- the node's HTTP API --------------------------------------------------------------------------------------

  private static JsmppSmsc.Bind awaitBind(JsmppSmsc smsc, NodeJar node) throws InterruptedException {
    try {
      return smsc.awaitProbedBind(Duration.ofSeconds(90));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; node output:\n" + node.tail(80), e);
    }
  }

  /** What the node's API answers to an authenticated request, at the moment the SMSC sees its bind. */
  private static String probe(HttpClient http, int port) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
              + "/api/numbers?country=DE")).timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + API_KEY)
          .build(), HttpResponse.BodyHandlers.ofString());
      return Integer.toString(r.statusCode());
    } catch (IOException e) {
      return "no answer (" + e.getClass().getSimpleName() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static String rent(HttpClient http, int port) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rent"))
        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + API_KEY)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("number", NUMBER).encode())).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("POST /api/rent answered " + r.statusCode() + ": " + r.body());
    }
    return new JsonObject(r.body()).getString("session_id");
  }

  /** The inbox as the API lists it, page by page (1,000 a page). */
  private record Inbox(int status, int listed, BitSet counters, int duplicates) {
  }

  private Inbox inbox(HttpClient http, int port, String sessionId) throws IOException, InterruptedException {
    BitSet seen = new BitSet(settings.messages());
    int listed = 0;
    int duplicates = 0;
    String after = null;
    while (true) {
      String uri = "http://127.0.0.1:" + port + "/api/messages?session_id=" + sessionId + "&limit=1000"
          + (after == null ? "" : "&after=" + after);
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30))
          .header("Authorization", "Bearer " + API_KEY).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 429) {
        // the key's rate limit (10 requests a second by default): the same page again once Retry-After allows
        Thread.sleep(1000L * r.headers().firstValueAsLong("Retry-After").orElse(1));
        continue;
      }
      if (r.statusCode() != 200) {
        return new Inbox(r.statusCode(), listed, seen, duplicates);
      }
      JsonObject page = new JsonObject(r.body());
      JsonArray messages = page.getJsonArray("messages");
      if (messages.isEmpty()) {
        return new Inbox(200, listed, seen, duplicates);
      }
      for (int k = 0; k < messages.size(); k++) {
        int c = counter(messages.getJsonObject(k).getString("text"));
        listed++;
        if (c >= 0 && c < settings.messages()) {
          if (seen.get(c)) {
            duplicates++;
          }
          seen.set(c);
        }
      }
      after = page.getString("next_after");
    }
  }

  /** The node's output with each line's time since the process was started (-Ddurability.log=true). */
  private static void printLog(String title, NodeJar node, long since) {
    System.out.println("---- " + title + " (pid " + node.pid() + ") ----");
    for (NodeJar.Line l : node.output()) {
      System.out.printf("%+7d ms | %s%n", TimeUnit.NANOSECONDS.toMillis(l.nanos() - since), l.text());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory
    }
  }
}
