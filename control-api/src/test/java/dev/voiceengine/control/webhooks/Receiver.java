package dev.voiceengine.control.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook receiver on 127.0.0.1: answers 500 to the first requests it is told to fail, then 200; keeps them all. */
final class Receiver implements AutoCloseable {
  /** One request as received: the raw body and the headers that matter. */
  record Received(String eventId, String signature, byte[] body, int answered, long receivedAtSeconds) {}

  private final List<Received> received = new ArrayList<>();
  private final AtomicInteger failuresLeft;
  private final HttpServer server;

  private Receiver(HttpServer server, int failFirst) {
    this.server = server;
    this.failuresLeft = new AtomicInteger(failFirst);
  }

  static Receiver start(int port, int failFirst) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
    Receiver receiver = new Receiver(server, failFirst);
    server.createContext("/hooks", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      int status = receiver.failuresLeft.getAndDecrement() > 0 ? 500 : 200;
      synchronized (receiver.received) {
        receiver.received.add(new Received(exchange.getRequestHeaders().getFirst("Voice-Engine-Event-Id"),
            exchange.getRequestHeaders().getFirst("Voice-Engine-Signature"), body, status,
            System.currentTimeMillis() / 1000));
      }
      byte[] answer = (status == 200 ? "ok" : "try later").getBytes();
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    return receiver;
  }

  List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  /** Stops listening: connections are refused from now on. */
  @Override
  public void close() {
    server.stop(0);
  }
}
