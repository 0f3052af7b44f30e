package dev.voiceengine.control.health;

import java.util.Objects;

/**
 * Whether one part works, with a short fixed detail (null when there is nothing to add).
 *
 * @param up     whether the part can do its job
 * @param detail e.g. {@code "embedded"} or {@code "not listening"}; never anything secret (see {@link ReadinessCheck})
 */
public record PartHealth(boolean up, String detail) {
  private static final PartHealth UP = new PartHealth(true, null);

  public static PartHealth ok() {
    return UP;
  }

  public static PartHealth ok(String detail) {
    return new PartHealth(true, detail);
  }

  public static PartHealth down(String detail) {
    return new PartHealth(false, Objects.requireNonNull(detail, "detail"));
  }
}
