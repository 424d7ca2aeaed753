package dev.inlet.durability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The scenario's own PostgreSQL database ({@code inlet_durability}, owned by inlet) and Redis database (3), renamed by {@code INLET_TEST_DB_SUFFIX} and
 * {@code INLET_DURABILITY_REDIS_DB}:
 * created when missing and emptied at the start of each run (the node's Flyway then migrates a fresh schema), and
 * read over plain JDBC afterwards, the way an auditor would look at the system of record.
 */
final class DurabilityDatabase {

  static final String DB = "inlet_durability" + System.getenv().getOrDefault("INLET_TEST_DB_SUFFIX", "");
  static final String PG_URI = "postgresql://inlet:inlet@127.0.0.1:5432/" + DB;
  static final int REDIS_DB = Integer.parseInt(System.getenv().getOrDefault("INLET_DURABILITY_REDIS_DB", "3"));
  static final String REDIS_URI = "redis://127.0.0.1:6379/" + REDIS_DB;

  private static final String ADMIN_JDBC = "jdbc:postgresql://127.0.0.1:5432/postgres";
  private static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/" + DB;

  private DurabilityDatabase() {
  }

  /** Creates the database if missing, drops and recreates its schema, and empties the Redis database. */
  static void reset() throws SQLException, IOException {
    try (Connection c = DriverManager.getConnection(ADMIN_JDBC, "postgres", "");
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DB + "'")) {
      if (!rs.next()) {
        s.execute("CREATE DATABASE " + DB + " OWNER inlet");
      }
    }
    try (Connection c = DriverManager.getConnection(JDBC, "postgres", "");
         Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA public CASCADE");
      s.execute("CREATE SCHEMA public AUTHORIZATION inlet");
    }
    flushRedis();
  }

  /** FLUSHDB on the scenario's Redis database, in plain RESP. */
  private static void flushRedis() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", 6379)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      String db = Integer.toString(REDIS_DB);
      out.write(("*2\r\n$6\r\nSELECT\r\n$" + db.length() + "\r\n" + db + "\r\n*1\r\n$7\r\nFLUSHDB\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      for (int replies = 0; replies < 2; ) {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
          if (b < 0) {
            throw new IOException("Redis closed the connection");
          }
          line.append((char) b);
        }
        if (!line.toString().startsWith("+OK")) {
          throw new IOException("Redis answered " + line.toString().trim());
        }
        replies++;
      }
    }
  }

  /** What PostgreSQL holds for a number: how many rows each message text has, and in which session. */
  record Stored(Map<String, Integer> copiesByText, Map<String, Integer> rowsBySession, int rows) {
  }

  static Stored stored(String number) throws SQLException {
    Map<String, Integer> byText = new HashMap<>();
    Map<String, Integer> bySession = new HashMap<>();
    int rows = 0;
    try (Connection c = DriverManager.getConnection(JDBC, "inlet", "inlet");
         PreparedStatement s = c.prepareStatement("SELECT text, coalesce(session_id, '(unmatched)') AS session,"
             + " count(*) AS n FROM messages WHERE number = ? GROUP BY text, session_id")) {
      s.setString(1, number);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          int n = rs.getInt("n");
          byText.merge(rs.getString("text"), n, Integer::sum);
          bySession.merge(rs.getString("session"), n, Integer::sum);
          rows += n;
        }
      }
    }
    return new Stored(byText, bySession, rows);
  }

  /** Whether the rental exists and has not ended. */
  static boolean rentalActive(String sessionId) throws SQLException {
    try (Connection c = DriverManager.getConnection(JDBC, "inlet", "inlet");
         PreparedStatement s = c.prepareStatement(
             "SELECT 1 FROM rentals WHERE session_id = ? AND ended_at IS NULL AND expires_at > now()")) {
      s.setString(1, sessionId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }
}
