package dev.voiceengine.providers.openai;

/**
 * Assembles server-sent events from lines (WHATWG HTML §9.2 "event stream interpretation"): {@code data:} lines
 * accumulate, a blank line dispatches them, comments ({@code :}) and other fields are ignored. Only the data matters
 * for OpenAI-style streams.
 */
final class SseParser {
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;

  /** Feeds one line without its terminator; returns an event's data when this line completed one, else null. */
  String line(String line) {
    if (line.isEmpty()) {
      return dispatch();
    }
    if (line.startsWith(":")) {
      return null;
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    if (!"data".equals(field)) {
      return null;
    }
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    if (hasData) {
      data.append('\n');
    }
    data.append(value);
    hasData = true;
    return null;
  }

  /** At the end of the stream: the data of an event left without its blank line, else null. */
  String finish() {
    return dispatch();
  }

  private String dispatch() {
    if (!hasData) {
      return null;
    }
    String event = data.toString();
    data.setLength(0);
    hasData = false;
    return event;
  }
}
