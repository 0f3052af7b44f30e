package dev.voiceengine.server.config;

/** An inclusive port range written "A-B". */
public record PortRange(int first, int last) {

  /** Parses "A-B" with 1024 ≤ A &lt; B ≤ 65535 and at least two ports, or throws IllegalArgumentException. */
  public static PortRange parse(String text) {
    String[] parts = text == null ? new String[0] : text.trim().split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected a range like 20000-29999, got \"" + text + "\"");
    }
    int first;
    int last;
    try {
      first = Integer.parseInt(parts[0].trim());
      last = Integer.parseInt(parts[1].trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a range like 20000-29999, got \"" + text + "\"");
    }
    if (first < 1024 || last > 65535 || last <= first) {
      throw new IllegalArgumentException(
          "expected ports between 1024 and 65535 with the first below the last, got \"" + text + "\"");
    }
    return new PortRange(first, last);
  }
}
