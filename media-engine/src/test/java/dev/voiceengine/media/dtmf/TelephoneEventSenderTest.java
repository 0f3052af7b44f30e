package dev.voiceengine.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TelephoneEventSenderTest {

  /** Key '5' held 100 ms: five growing updates, the first marked, then the end packet three times (RFC 4733 §2.5). */
  @Test
  void oneKeyIsGolden() {
    TelephoneEventSender sender = new TelephoneEventSender();
    CompletableFuture<Void> done = new CompletableFuture<>();
    sender.enqueue("5", done);
    List<String> frames = new ArrayList<>();
    int ts = 1000;
    for (int i = 0; i < 10; i++, ts += 160) {
      if (sender.nextFrame(ts)) {
        ByteBuf buf = Unpooled.buffer();
        sender.writePayload(buf);
        frames.add((sender.marker() ? "M " : "") + sender.timestamp() + " " + ByteBufUtil.hexDump(buf));
      } else {
        frames.add("audio " + ts);
      }
    }
    assertThat(frames).containsExactly(
        "M 1000 050a00a0", "1000 050a0140", "1000 050a01e0", "1000 050a0280", "1000 050a0320",
        "1000 058a0320", "1000 058a0320", "1000 058a0320", "audio 2280", "audio 2440");
    assertThat(done).isCompleted();
    assertThat(sender.busy()).isFalse();
  }

  /** Every key, in one request and then another queued behind it, parsed back by the receiver: each counted once. */
  @Test
  void sweepOfAllKeysParsesBack() {
    TelephoneEventSender sender = new TelephoneEventSender();
    List<KeyPress> presses = new ArrayList<>();
    TelephoneEventReceiver receiver = new TelephoneEventReceiver(presses::add);
    CompletableFuture<Void> first = new CompletableFuture<>();
    CompletableFuture<Void> second = new CompletableFuture<>();
    sender.enqueue("0123456789", first);
    sender.enqueue("*#ABCD", second);
    int ts = -800; // across the 32-bit wrap
    int frames = 0;
    for (long now = 0; sender.busy() && frames < 1000; frames++, ts += 160, now += 20_000_000L) {
      if (sender.nextFrame(ts)) {
        ByteBuf buf = Unpooled.buffer();
        sender.writePayload(buf);
        receiver.onPacket(now, sender.timestamp(), sender.marker(), buf, 0, 4);
      }
    }
    assertThat(receiver.digits()).isEqualTo("0123456789*#ABCD");
    assertThat(presses).allMatch(KeyPress::endSeen).allMatch(p -> p.durationMs() == 100);
    assertThat(first).isCompleted();
    assertThat(second).isCompleted();
    assertThat(frames).as("eight frames a key, then one to finish").isEqualTo(16 * 8 + 1);
  }

  @Test
  void badDigitsAreRefusedAndCancelFailsWhatWaits() {
    for (String bad : new String[] {null, "", "12x", "E", "1 2", "a", "#".repeat(65)}) {
      assertThatThrownBy(() -> TelephoneEventSender.validate(bad)).as(String.valueOf(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
    TelephoneEventSender.validate("0123456789*#ABCD");
    TelephoneEventSender sender = new TelephoneEventSender();
    CompletableFuture<Void> sending = new CompletableFuture<>();
    CompletableFuture<Void> waiting = new CompletableFuture<>();
    sender.enqueue("1", sending);
    sender.enqueue("2", waiting);
    assertThat(sender.nextFrame(0)).isTrue();
    sender.cancel(new IllegalStateException("the call ended"));
    assertThat(sending).isCompletedExceptionally();
    assertThat(waiting).isCompletedExceptionally();
    assertThat(sender.busy()).isFalse();
    assertThat(sender.nextFrame(160)).isFalse();
  }
}
