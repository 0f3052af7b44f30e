package dev.voiceengine.sip.jain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.sip.InboundCall;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicReference;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/** What close() waits for: BYEs in flight, counted once each, never one that could not be sent. */
class ByeSenderTest {
  private final AtomicReference<ClientTransaction> created = new AtomicReference<>();
  private final ByeSender byes = new ByeSender(new SipResponder("test", 30, "127.0.0.1", () -> 5060));

  ByeSenderTest() {
    byes.use(fake(SipProvider.class, (name, args) -> {
      if (!name.equals("getNewClientTransaction")) {
        throw new UnsupportedOperationException(name);
      }
      created.set(clientTransaction());
      return created.get();
    }));
  }

  private interface Handler {
    Object handle(String method, Object[] args) throws Exception;
  }

  private static <T> T fake(Class<T> type, Handler handler) {
    return type.cast(Proxy.newProxyInstance(ByeSenderTest.class.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> handler.handle(method.getName(), args)));
  }

  private static ClientTransaction clientTransaction() {
    AtomicReference<Object> data = new AtomicReference<>();
    return fake(ClientTransaction.class, (name, args) -> switch (name) {
      case "setApplicationData" -> {
        data.set(args[0]);
        yield null;
      }
      case "getApplicationData" -> data.get();
      default -> throw new UnsupportedOperationException(name);
    });
  }

  /** A call whose SIP dialog makes BYEs and sends them, or fails to. */
  private static InboundDialog call(boolean sendFails) {
    Dialog dialog = fake(Dialog.class, (name, args) -> switch (name) {
      case "createRequest" -> FakeServerTransaction.parse("BYE sip:alice@127.0.0.1:5062 SIP/2.0\n"
          + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKbye\n"
          + "Max-Forwards: 70\n"
          + "From: <sip:5551234@127.0.0.1:5060>;tag=ourtag\n"
          + "To: <sip:+15550001111@127.0.0.1:5062>;tag=fake1\n"
          + "Call-ID: call-1\n"
          + "CSeq: 1 BYE\n");
      case "sendRequest" -> {
        if (sendFails) {
          throw new SipException("refused by the test");
        }
        yield null;
      }
      default -> throw new UnsupportedOperationException(name);
    });
    InboundCall call = new InboundCall("ref-1", "call-1", "+15550001111", "5551234", "local", "demo",
        new InetSocketAddress("127.0.0.1", 5062), null);
    return new InboundDialog(null, null, call, "call-1;fake1", null, dialog, "ourtag", "udp", null, null, null);
  }

  @Test
  void aByeThatCannotBeSentIsNotWaitedFor() {
    byes.send(call(true));
    assertThat(created.get()).as("a BYE transaction was made").isNotNull();
    assertThat(byes.idle()).isTrue();
  }

  @Test
  void aByeSentCountsUntilItSettlesOnce() {
    byes.send(call(false));
    assertThat(byes.idle()).isFalse();
    byes.settled(created.get());
    assertThat(byes.idle()).isTrue();
    byes.settled(created.get()); // the stack reports the same transaction again: counted once
    byes.send(call(false));
    assertThat(byes.idle()).isFalse();
  }

  @Test
  void transactionsThatAreNotOurByesAreIgnored() {
    byes.settled(null);
    byes.settled(clientTransaction());
    assertThat(byes.idle()).isTrue();
  }
}
