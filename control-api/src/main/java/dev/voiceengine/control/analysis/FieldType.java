package dev.voiceengine.control.analysis;

import java.util.Locale;
import java.util.Optional;

/** What a custom analysis field holds; decides how a value is extracted and validated. */
public enum FieldType {
  STRING,
  BOOLEAN,
  NUMBER,
  ENUM;

  /** The name used in configuration: {@code string}, {@code boolean}, {@code number}, {@code enum}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type of that configured name, if any (exact, lower case). */
  public static Optional<FieldType> fromWire(String value) {
    for (FieldType type : values()) {
      if (type.wire().equals(value)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
