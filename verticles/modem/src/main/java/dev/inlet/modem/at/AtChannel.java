package dev.inlet.modem.at;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One modem's AT command conversation: sends one command at a time, collects its response lines up to the
 * final result code, and tells unsolicited result codes apart even when they arrive in the middle of a
 * response. Echoed commands are dropped (some firmware keeps echo on whatever {@code ATE0} says). Lines
 * that belong to nothing are counted as noise. A command without its final result by its deadline fails
 * with {@link AtException.Kind#TIMEOUT} when {@link #expire()} runs.
 *
 * <p>Not thread-safe: the caller feeds lines, sends and expires from one thread (the verticle's context).
 */
public final class AtChannel {

  /** Writes one command line (the channel adds nothing: the writer appends CR). */
  public interface Writer {
    void write(String commandLine);
  }

  private record Pending(String command, String responsePrefix, long timeoutMs, Promise<AtResponse> promise) {
    /** Not a command: waits until the line has been quiet for {@code timeoutMs}, discarding what comes. */
    boolean drain() {
      return command == null;
    }
  }

  /** Longest quiet wait after a timeout (the late answer of the command that timed out is discarded meanwhile). */
  static final long DRAIN_AFTER_TIMEOUT_MS = 300;

  private final Writer writer;
  private final Consumer<Urc> urcs;
  private final LongSupplier clockMs;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private Pending inFlight;
  private long deadline;
  private final List<String> lines = new ArrayList<>();
  private String twoLineUrc;
  private long noise;
  private long timeouts;

  public AtChannel(Writer writer, Consumer<Urc> urcs, LongSupplier clockMs) {
    this.writer = writer;
    this.urcs = urcs;
    this.clockMs = clockMs;
  }

  /** Queues a command (without CR); the future fails with {@link AtException} unless the modem answers OK. */
  public Future<AtResponse> send(String command, long timeoutMs) {
    Promise<AtResponse> promise = Promise.promise();
    queue.add(new Pending(command, responsePrefix(command), timeoutMs, promise));
    next();
    return promise.future();
  }

  /**
   * Waits, after the commands queued before, until the modem has sent nothing for {@code quietMs}, discarding what
   * it sends meanwhile (late answers of commands that timed out, a burst of answers to commands a modem found in its
   * buffer when it woke up), so that no stale line is taken for the answer of a later command. Also done by itself
   * after every timeout.
   */
  public Future<AtResponse> drain(long quietMs) {
    Promise<AtResponse> promise = Promise.promise();
    queue.add(new Pending(null, null, quietMs, promise));
    next();
    return promise.future();
  }

  /** Commands waiting, the one in flight included (quiet waits are not commands). */
  public int pending() {
    return (int) queue.stream().filter(p -> !p.drain()).count() + (inFlight == null || inFlight.drain() ? 0 : 1);
  }

  public long noise() {
    return noise;
  }

  public long timeouts() {
    return timeouts;
  }

  /** Feeds one line from the modem (already cut by {@link AtLineSplitter}). */
  public void onLine(String raw) {
    String line = raw.strip();
    if (line.isEmpty()) {
      return;
    }
    if (twoLineUrc != null) {
      String first = twoLineUrc;
      twoLineUrc = null;
      urcs.accept(new Urc(first, line));
      return;
    }
    if (line.regionMatches(true, 0, "AT", 0, 2)) {
      return; // echo
    }
    if (isUrc(line)) {
      if (line.startsWith("+CMT:") || line.startsWith("+CDS:")) {
        twoLineUrc = line;
      } else {
        urcs.accept(new Urc(line, null));
      }
      return;
    }
    if (inFlight == null) {
      noise++;
      return;
    }
    if (inFlight.drain()) {
      noise++;
      deadline = clockMs.getAsLong() + inFlight.timeoutMs(); // not quiet yet
      return;
    }
    if (line.equals("OK")) {
      finish(null);
    } else if (line.equals("ERROR")) {
      finish(new AtException(AtException.Kind.ERROR, inFlight.command(), null));
    } else if (line.startsWith("+CMS ERROR:")) {
      finish(new AtException(AtException.Kind.CMS, inFlight.command(), line.substring(11).strip()));
    } else if (line.startsWith("+CME ERROR:")) {
      finish(new AtException(AtException.Kind.CME, inFlight.command(), line.substring(11).strip()));
    } else {
      lines.add(line);
    }
  }

  /** Fails the command in flight if its deadline has passed. Call it from a periodic timer. */
  public void expire() {
    if (inFlight != null && clockMs.getAsLong() - deadline >= 0) {
      if (inFlight.drain()) {
        finish(null);
        return;
      }
      timeouts++;
      queue.addFirst(new Pending(null, null, Math.min(DRAIN_AFTER_TIMEOUT_MS, inFlight.timeoutMs()),
          Promise.promise()));
      finish(new AtException(AtException.Kind.TIMEOUT, inFlight.command(), null));
    }
  }

  /** The port is gone: every command waiting fails with {@link AtException.Kind#CLOSED}. */
  public void close() {
    List<Pending> failed = new ArrayList<>(queue);
    queue.clear();
    if (inFlight != null) {
      failed.add(0, inFlight);
      inFlight = null;
    }
    lines.clear();
    twoLineUrc = null;
    for (Pending p : failed) {
      p.promise().tryFail(new AtException(AtException.Kind.CLOSED, p.command(), null));
    }
  }

  private boolean isUrc(String line) {
    if (inFlight != null && inFlight.responsePrefix() != null && line.startsWith(inFlight.responsePrefix())) {
      return false; // e.g. +CREG: as the answer to AT+CREG?
    }
    return line.startsWith("+CMTI:") || line.startsWith("+CDSI:") || line.startsWith("+CMT:")
        || line.startsWith("+CDS:") || line.startsWith("+CREG:") || line.startsWith("+CGREG:")
        || line.equals("RING") || line.startsWith("+CLIP:") || line.startsWith("+CRING:")
        || line.startsWith("^") || line.equals("RDY") || line.startsWith("+CPIN:") || line.startsWith("+CFUN:")
        || line.equals("Call Ready") || line.equals("SMS Ready");
  }

  private void finish(AtException failure) {
    Pending done = inFlight;
    List<String> response = new ArrayList<>(lines);
    inFlight = null;
    lines.clear();
    if (failure == null) {
      done.promise().tryComplete(new AtResponse(done.command(), response));
    } else {
      done.promise().tryFail(failure);
    }
    next();
  }

  private void next() {
    if (inFlight != null || queue.isEmpty()) {
      return;
    }
    inFlight = queue.poll();
    deadline = clockMs.getAsLong() + inFlight.timeoutMs();
    if (!inFlight.drain()) {
      writer.write(inFlight.command());
    }
  }

  /** {@code AT+CREG?} answers {@code +CREG:}; {@code AT+CMGR=3} answers {@code +CMGR:}; {@code ATE0} nothing. */
  static String responsePrefix(String command) {
    String c = command.toUpperCase(Locale.ROOT);
    if (!c.startsWith("AT+")) {
      return null;
    }
    int end = 3;
    while (end < c.length() && Character.isLetterOrDigit(c.charAt(end))) {
      end++;
    }
    return "+" + c.substring(3, end) + ":";
  }
}
