package dev.inlet.modem.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Two linked pseudo-terminals made by socat: the modem side (what Inlet opens, a symlink as a real bank's
 * udev rules make) and the emulator side. Killing socat makes both disappear, as an unplugged USB modem does;
 * {@link #start()} again brings them back under the same names.
 */
public final class PtyPair implements AutoCloseable {

  private final Path modemLink;
  private final Path emulatorLink;
  private Process socat;

  public PtyPair(Path dir, String name) {
    this.modemLink = dir.resolve(name);
    this.emulatorLink = dir.resolve(name + ".emu");
  }

  public Path modemLink() {
    return modemLink;
  }

  public Path emulatorLink() {
    return emulatorLink;
  }

  /** Starts socat and waits until it says its data transfer loop runs (both links exist then). */
  public PtyPair start() throws IOException {
    Files.deleteIfExists(modemLink);
    Files.deleteIfExists(emulatorLink);
    socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + modemLink,
        "pty,raw,echo=0,link=" + emulatorLink).redirectErrorStream(true).start();
    BufferedReader log = new BufferedReader(new InputStreamReader(socat.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = log.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.contains("starting data transfer loop")) {
        break;
      }
    }
    if (line == null || !Files.exists(modemLink) || !Files.exists(emulatorLink)) {
      throw new IOException("socat did not make its pty links (is socat installed?): " + seen);
    }
    Thread drain = new Thread(() -> {
      try {
        while (log.readLine() != null) {
          // socat's log, not needed
        }
      } catch (IOException e) {
        // socat ended
      }
    }, "socat-log");
    drain.setDaemon(true);
    drain.start();
    return this;
  }

  /** Kills socat: both ptys vanish (the port "disappears"). */
  public void unplug() throws InterruptedException {
    if (socat != null) {
      socat.destroy();
      if (!socat.waitFor(5, TimeUnit.SECONDS)) {
        socat.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      socat = null;
    }
  }

  @Override
  public void close() throws InterruptedException, IOException {
    unplug();
    Files.deleteIfExists(modemLink);
    Files.deleteIfExists(emulatorLink);
  }
}
