package dev.voiceengine.control.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single HTTP byte range (RFC 9110 §14) resolved against a file size: {@code bytes=first-last},
 * {@code bytes=first-} or {@code bytes=-suffixLength}. Anything else (other units, several ranges, bad syntax) is
 * {@link #IGNORE}: the whole file is sent, which RFC 9110 allows. A syntactically valid range that starts past the end
 * is {@link #UNSATISFIABLE}.
 */
record ByteRange(long first, long last) {
  /** Send the whole representation with 200. */
  static final ByteRange IGNORE = new ByteRange(-1, -1);
  /** Answer 416. */
  static final ByteRange UNSATISFIABLE = new ByteRange(-2, -2);

  private static final Pattern SPEC = Pattern.compile("bytes=([0-9]{0,18})-([0-9]{0,18})");

  /** The number of bytes in a satisfiable range. */
  long length() {
    return last - first + 1;
  }

  /** Whether this is a real range to send with 206. */
  boolean isPartial() {
    return first >= 0;
  }

  static ByteRange parse(String header, long size) {
    if (header == null) {
      return IGNORE;
    }
    Matcher m = SPEC.matcher(header.strip());
    if (!m.matches()) {
      return IGNORE;
    }
    String first = m.group(1);
    String last = m.group(2);
    if (first.isEmpty()) {
      if (last.isEmpty()) {
        return IGNORE;
      }
      long suffix = Long.parseLong(last);
      if (suffix == 0 || size == 0) {
        return UNSATISFIABLE;
      }
      return new ByteRange(Math.max(0, size - suffix), size - 1);
    }
    long start = Long.parseLong(first);
    long end = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
    if (end < start) {
      return IGNORE;
    }
    if (start >= size) {
      return UNSATISFIABLE;
    }
    return new ByteRange(start, Math.min(end, size - 1));
  }
}
