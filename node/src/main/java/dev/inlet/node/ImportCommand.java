package dev.inlet.node;

import dev.inlet.pool.NumberImports;
import dev.inlet.shared.message.NumberImport;
import dev.inlet.shared.store.StoreBackend;
import dev.inlet.shared.store.Stores;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar inlet.jar import FILE}: adds the numbers of a CSV or JSON file to the pool of the configured
 * store, all or nothing (every bad row is listed, and then nothing is added). For the durable store
 * ({@code storage.kind = postgres}); an embedded store lives inside a running node: import through its admin API.
 */
final class ImportCommand {

  private ImportCommand() {
  }

  /** Runs the import; answers the process exit code. */
  static int run(String file, String confFile, Map<String, String> env) throws Exception {
    Path path = Path.of(file);
    String content;
    try {
      content = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.err.println("cannot read " + file + ": " + e.getMessage());
      return 2;
    }
    String format = file.toLowerCase(Locale.ROOT).endsWith(".json") ? "json" : "csv";
    NumberImports.Parsed parsed = NumberImports.parse(new NumberImport(format, content));
    if (!parsed.errors().isEmpty()) {
      System.err.println(file + ": nothing imported; " + parsed.errors().size() + " bad row(s):");
      parsed.errors().forEach(e -> System.err.println("  row " + e.row() + ": " + e.problem()));
      return 1;
    }
    JsonObject config = InletNode.load(confFile, env, new JsonObject());
    String kind = config.getJsonObject("storage").getString("kind");
    if (!kind.equals("postgres")) {
      System.err.println("storage.kind is " + kind + ": its pool lives inside a running node, not in this command; "
          + "import with POST /api/admin/numbers/import on the node, or set INLET_STORAGE=postgres");
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    try {
      StoreBackend store = Stores.open(vertx, config).await();
      int added = store.pool().addNumbers(parsed.numbers()).await();
      System.out.println(file + ": " + parsed.numbers().size() + " numbers, " + added + " added, "
          + (parsed.numbers().size() - added) + " already in the pool");
      return 0;
    } finally {
      vertx.close().await();
    }
  }
}
