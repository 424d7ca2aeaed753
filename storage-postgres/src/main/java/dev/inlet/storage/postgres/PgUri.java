package dev.inlet.storage.postgres;

import io.vertx.pgclient.PgConnectOptions;

/**
 * The PostgreSQL connection URI of the configuration ({@code postgresql://user:password@host:port/db}),
 * in the two forms the backend needs: the reactive client's options, and Flyway's JDBC URL with user and password.
 */
record PgUri(String uri, PgConnectOptions options) {

  static final String DEFAULT = "postgresql://inlet:inlet@127.0.0.1:5432/inlet";

  /**
   * The options come with JIT compilation off for the session: Inlet's statements are short, and the record
   * statement (many CTEs, 1,000-row batches) is estimated costly enough that PostgreSQL compiled it with LLVM on
   * every custom plan, for about 2 s a batch where running it takes 50 ms.
   */
  static PgUri parse(String uri) {
    return new PgUri(uri, PgConnectOptions.fromUri(uri).addProperty("jit", "off"));
  }

  /** A copy of the client's options, which its caller may change (each pool sets its own). */
  @Override
  public PgConnectOptions options() {
    return new PgConnectOptions(options);
  }

  String jdbcUrl() {
    return "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
  }

  String user() {
    return options.getUser();
  }

  String password() {
    return options.getPassword();
  }

  /** host:port/database, for messages (never the password). */
  String where() {
    return options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
  }
}
