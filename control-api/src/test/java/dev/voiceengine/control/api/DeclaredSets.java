package dev.voiceengine.control.api;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;

/**
 * Reads the name sets a class checks requests against (its known query parameters or body fields), so a test can
 * compare them with what the OpenAPI document says without widening the classes for tests.
 */
final class DeclaredSets {
  private DeclaredSets() {}

  @SuppressWarnings("unchecked")
  static Set<String> of(Class<?> owner, String field) throws ReflectiveOperationException {
    Field f = owner.getDeclaredField(field);
    if (!Modifier.isStatic(f.getModifiers()) || !Set.class.isAssignableFrom(f.getType())) {
      throw new IllegalArgumentException(owner.getSimpleName() + "." + field + " is not a static set");
    }
    f.setAccessible(true);
    return (Set<String>) f.get(null);
  }
}
