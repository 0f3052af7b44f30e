package dev.voiceengine.control.api;

import com.linecorp.armeria.common.QueryParams;
import java.util.Set;

/**
 * {@code include}: comma-separated groups of fields added to a light representation (as in
 * {@code GET /v1/calls?include=transcript}). The only group is {@code transcript}; anything else is a 400, so a typo
 * is not silently answered without the data asked for.
 */
final class IncludeParam {
  static final String NAME = "include";
  static final String TRANSCRIPT = "transcript";
  private static final Set<String> GROUPS = Set.of(TRANSCRIPT);

  private IncludeParam() {}

  /** Whether the (already checked to be single and non-empty) include asks for the transcript. */
  static boolean transcript(QueryParams query) {
    String value = query.get(NAME);
    if (value == null) {
      return false;
    }
    for (String group : value.split(",", -1)) {
      if (!GROUPS.contains(group.strip())) {
        throw ApiException.invalidParameter(NAME, NAME + " must be a comma-separated list of: " + TRANSCRIPT);
      }
    }
    return true;
  }

  /** For resources whose only parameter is {@code include}: refuses any other, a repeated or an empty one. */
  static void onlyInclude(QueryParams query) {
    for (String name : query.names()) {
      if (!NAME.equals(name)) {
        throw ApiException.invalidParameter(name, "unknown query parameter " + name);
      }
      if (query.getAll(name).size() > 1) {
        throw ApiException.invalidParameter(name, name + " is given more than once");
      }
      if (query.get(name).isEmpty()) {
        throw ApiException.invalidParameter(name, name + " must not be empty");
      }
    }
    transcript(query);
  }
}
