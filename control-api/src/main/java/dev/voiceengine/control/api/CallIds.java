package dev.voiceengine.control.api;

import java.util.Locale;
import java.util.regex.Pattern;

/** Call ids in paths: canonical UUIDs (8-4-4-4-12 hex, any case), normalized to lower case as stored. */
final class CallIds {
  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private CallIds() {}

  /** The id in stored form, or a 400 naming {@code field}. */
  static String parse(String raw, String field) {
    if (raw == null || !UUID.matcher(raw).matches()) {
      throw ApiException.invalidParameter(field, field + " must be a UUID");
    }
    return raw.toLowerCase(Locale.ROOT);
  }
}
