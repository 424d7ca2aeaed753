package dev.inlet.node;

import ch.qos.logback.classic.LoggerContext;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an Inlet node: {@code java -jar inlet.jar [--conf file.json] [--cluster]}.
 * With no configuration it runs in lab mode. SIGTERM (or Ctrl-C) stops it cleanly.
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    String confFile = System.getenv("INLET_CONFIG");
    JsonObject overrides = new JsonObject();
    String importFile = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--conf" -> {
          if (i + 1 >= args.length) {
            usage("--conf needs a file");
          }
          confFile = args[++i];
        }
        case "--cluster" -> overrides.put("cluster", new JsonObject().put("enabled", true));
        case "-h", "--help" -> usage(null);
        case "import" -> {
          if (i + 1 >= args.length) {
            usage("import needs a file (CSV or JSON)");
          }
          importFile = args[++i];
        }
        default -> usage("unknown argument " + args[i]);
      }
    }
    if (importFile != null) {
      int code;
      try {
        code = ImportCommand.run(importFile, confFile, System.getenv());
      } catch (Throwable e) {
        LOG.error("import failed: {}", e.getMessage());
        code = 1;
      }
      System.exit(code);
      return;
    }
    InletNode node;
    try {
      node = InletNode.start(confFile, System.getenv(), overrides).await();
    } catch (Throwable e) {
      LOG.error("Inlet did not start: {}", e.getMessage());
      LOG.debug("start-up failure", e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(node), "inlet-shutdown"));
    if (node.lab()) {
      printLabBanner(node);
    }
  }

  private static void stop(InletNode node) {
    LOG.info("stopping: unbinding SMPP sessions, closing servers, leaving the cluster");
    try {
      node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      LOG.info("stopped");
    } catch (Exception e) {
      LOG.warn("clean stop did not finish: {}", e.toString());
    }
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext lc) {
      lc.stop();
    }
  }

  private static void printLabBanner(InletNode node) {
    String base = "http://127.0.0.1:" + node.httpPort();
    // a generated key is printed once (it is how a newcomer gets in); a configured one never is
    String key = node.generatedApiKey() ? node.apiKey() : "$YOUR_KEY";
    System.out.println("""

        ================================================================================
         Inlet lab node ready: %s
         API key%s: %s

         Try it:
           export INLET_KEY=%s
           curl -s -H "Authorization: Bearer $INLET_KEY" '%s/api/numbers?country=US'
           curl -s -H "Authorization: Bearer $INLET_KEY" -H 'Content-Type: application/json' \\
                -d '{"country":"US"}' %s/api/rent
           curl -s -H "Authorization: Bearer $INLET_KEY" -H 'Content-Type: application/json' \\
                -d '{"to":"<number>","from":"Google","text":"Your code is 837261"}' %s/api/lab/sms
           curl -s -H "Authorization: Bearer $INLET_KEY" '%s/api/messages?session_id=<session_id>'
        ================================================================================
        """.formatted(base, node.generatedApiKey() ? " (generated; set INLET_API_KEY to choose one)" : "",
        node.generatedApiKey() ? key : "the configured one (http.apiKeys or INLET_API_KEY; not printed)",
        key, base, base, base, base));
  }

  private static void usage(String error) {
    if (error != null) {
      System.err.println(error);
    }
    System.err.println("usage: java -jar inlet.jar [--conf file.json] [--cluster]");
    System.err.println("       java -jar inlet.jar [--conf file.json] import numbers.csv|numbers.json");
    System.exit(error == null ? 0 : 2);
  }
}
