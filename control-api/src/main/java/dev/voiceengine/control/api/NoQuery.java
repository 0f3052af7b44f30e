package dev.voiceengine.control.api;

import com.linecorp.armeria.common.QueryParams;

/** Refuses query parameters on resources that take none, as lists refuse unknown ones. */
final class NoQuery {
  private NoQuery() {}

  static void check(QueryParams query) {
    if (!query.isEmpty()) {
      String name = query.names().iterator().next();
      throw ApiException.invalidParameter(name, "unknown query parameter " + name);
    }
  }
}
