package dev.voiceengine.control.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A view of a kept connection that prepares each SQL text once: {@code prepareStatement(sql)} hands out the statement
 * prepared before for the same text, and closing it only clears its parameters. Compiling the SQL is most of what
 * SQLite spends on a small write (the calls row has 34 columns), and the event writer runs the same few statements
 * for every event. The row code keeps its plain prepare-and-close shape and works on any connection.
 *
 * <p>Not thread-safe, like the connection it wraps. {@link #close} closes the statements, not the connection.
 */
final class ReusedStatements implements AutoCloseable {
  /** More distinct texts than the writes use; past it, statements are prepared and closed as usual. */
  private static final int MAX_STATEMENTS = 32;

  private final Connection connection;
  private final Connection view;
  /** The prepared statements, to close them. */
  private final List<PreparedStatement> prepared = new ArrayList<>();
  /** What {@code prepareStatement} hands out, by SQL text. */
  private final Map<String, PreparedStatement> handedOut = new HashMap<>();

  ReusedStatements(Connection connection) {
    this.connection = connection;
    this.view = proxy(Connection.class, connection, this::prepare);
  }

  /** The connection to run writes on; its {@code close()} does nothing (the owner closes the real one). */
  Connection connection() {
    return view;
  }

  @Override
  public void close() throws SQLException {
    SQLException failure = null;
    for (PreparedStatement statement : prepared) {
      try {
        statement.close();
      } catch (SQLException e) {
        failure = failure == null ? e : failure;
      }
    }
    prepared.clear();
    handedOut.clear();
    if (failure != null) {
      throw failure;
    }
  }

  /** Answers the calls the view handles itself; null means "pass on to the connection". */
  private Object prepare(Method method, Object[] args) throws SQLException {
    String name = method.getName();
    if (name.equals("close")) {
      return Void.TYPE;
    }
    if (!name.equals("prepareStatement") || args.length != 1) {
      return null;
    }
    String sql = (String) args[0];
    PreparedStatement reused = handedOut.get(sql);
    if (reused != null) {
      return reused;
    }
    if (prepared.size() >= MAX_STATEMENTS) {
      return null;
    }
    PreparedStatement statement = connection.prepareStatement(sql);
    prepared.add(statement);
    reused = proxy(PreparedStatement.class, statement, (m, a) -> {
      if (m.getName().equals("close") && m.getParameterCount() == 0) {
        statement.clearParameters();
        return Void.TYPE;
      }
      return null;
    });
    handedOut.put(sql, reused);
    return reused;
  }

  /** Calls the view answers itself (non-null result; {@code Void.TYPE} for void) before the target is asked. */
  private interface Answer {
    Object answer(Method method, Object[] args) throws SQLException;
  }

  private static <T> T proxy(Class<T> type, T target, Answer override) {
    Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
      Object[] arguments = args == null ? new Object[0] : args;
      Object answer = override.answer(method, arguments);
      if (answer == Void.TYPE) {
        return null;
      }
      if (answer != null) {
        return answer;
      }
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    });
    return type.cast(proxy);
  }
}
