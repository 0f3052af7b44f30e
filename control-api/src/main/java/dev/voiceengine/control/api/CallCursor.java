package dev.voiceengine.control.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceengine.control.store.CallFilter;
import dev.voiceengine.control.store.CallPosition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;

/**
 * The opaque {@code cursor} of {@code GET /v1/calls}: the position of the last call of a page (its sort key and id)
 * and a fingerprint of the filters and order it was given out for, base64url-encoded JSON. A cursor is only valid
 * with the same filters and order: otherwise "after this call" would mean a different list, so that is a 400, as is
 * anything this class did not write. Clients must not build cursors; the format may change.
 */
final class CallCursor {
  static final String NAME = "cursor";
  private static final String PREFIX = "c1.";
  private static final int MAX_LENGTH = 1024;
  private static final Set<String> KEYS = Set.of("f", "k", "i");

  private CallCursor() {}

  /** The cursor that continues after {@code position} in the list {@code filter} selects. */
  static String encode(CallFilter filter, CallPosition position) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("f", fingerprint(filter));
    if (position.key() instanceof Double d) {
      n.put("k", d);
    } else {
      n.put("k", (String) position.key());
    }
    n.put("i", position.id());
    byte[] json = n.toString().getBytes(StandardCharsets.UTF_8);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(json);
  }

  /** The position a client's cursor names, checked against the filters and order of this request. */
  static CallPosition decode(String cursor, CallFilter filter) {
    JsonNode n = parse(cursor);
    if (!fingerprint(filter).equals(n.get("f").asText())) {
      throw ApiException.invalidParameter(NAME, "cursor was given out for other filters or another order;"
          + " repeat the request that returned it with only cursor (and limit) changed, or start without cursor");
    }
    JsonNode key = n.get("k");
    Object value = key.isNumber() ? (Object) key.asDouble() : key.asText();
    if (!filter.orderBy().accepts(value)) {
      throw invalid();
    }
    return new CallPosition(value, n.get("i").asText());
  }

  private static JsonNode parse(String cursor) {
    if (cursor.length() > MAX_LENGTH || !cursor.startsWith(PREFIX)) {
      throw invalid();
    }
    JsonNode n;
    try {
      byte[] json = Base64.getUrlDecoder().decode(cursor.substring(PREFIX.length()));
      n = Json.MAPPER.readTree(json);
    } catch (Exception notOurs) {
      throw invalid();
    }
    if (n == null || !n.isObject() || n.size() != KEYS.size()) {
      throw invalid();
    }
    for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
      if (!KEYS.contains(names.next())) {
        throw invalid();
      }
    }
    JsonNode key = n.get("k");
    boolean keyOk = key.isTextual() || (key.isNumber() && Double.isFinite(key.asDouble()));
    if (!n.get("f").isTextual() || !n.get("i").isTextual() || !keyOk || n.get("i").asText().length() > 64) {
      throw invalid();
    }
    return n;
  }

  private static ApiException invalid() {
    return ApiException.invalidParameter(NAME, "cursor is not one this API gave out (use next_cursor as it came)");
  }

  /** A short digest of the selection and order (not the page), so a cursor cannot be moved to another list. */
  private static String fingerprint(CallFilter filter) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(filter.selection().toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
