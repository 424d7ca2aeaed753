package dev.inlet.shared.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a node runs. A node deploys the verticles of the roles its configuration lists. */
public enum Role {
  SMSC_SIMULATOR("smsc-simulator", "lab"),
  SMPP("smpp", "smpp"),
  MODEM("modem", "modem"),
  POOL("pool", "pool"),
  ROUTER("router", "router"),
  HTTP("http", "http");

  private final String roleName;
  private final String section;

  Role(String roleName, String section) {
    this.roleName = roleName;
    this.section = section;
  }

  public String roleName() {
    return roleName;
  }

  /** The configuration section the role's verticle receives. */
  public String section() {
    return section;
  }

  public static Optional<Role> parse(String name) {
    return Arrays.stream(values()).filter(r -> r.roleName.equals(name)).findFirst();
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(Role::roleName).toList();
  }
}
