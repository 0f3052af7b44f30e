package dev.voiceengine.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceengine.media.session.RemoteMedia;
import dev.voiceengine.proto.control.v1.CallEnded;
import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.proto.control.v1.Direction;
import dev.voiceengine.testsupport.net.FreePorts;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every offered call gets exactly one CallEnded, after its CallOffered, even when the disk hangs, a call's event
 * loop is stuck or close() races open(). The disk is played by a stalled recorder pool.
 */
class MediaEngineEndingTest {
  private static final long WAIT_SECONDS = 10;

  @TempDir
  Path dataDir;

  private final BlockingQueue<CallEvent> events = new LinkedBlockingQueue<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  @Test
  void callEndedIsNotHeldUpByAHungDisk() throws Exception {
    CountDownLatch disk = new CountDownLatch(1);
    int ports = FreePorts.block(12);
    AtomicReference<Instant> endedReceived = new AtomicReference<>();
    MediaEngine engine = stalledDiskEngine(ports, ports + 10, disk, e -> {
      if (e.hasEnded()) {
        endedReceived.set(Instant.now());
      }
      events.add(e);
    });
    try {
      CallSession session = engine.open(info("hung-disk"), o -> { });
      session.updateRemote(new RemoteMedia(new InetSocketAddress("127.0.0.1", 9), 0, "PCMU", -1, true, true));
      session.answer(new short[0]);
      session.end("caller_hangup", "");
      session.ended().get(WAIT_SECONDS, TimeUnit.SECONDS);
      List<CallEvent> all = new ArrayList<>(events);
      assertThat(all).extracting(CallEvent::getKindCase)
          .containsExactly(CallEvent.KindCase.OFFERED, CallEvent.KindCase.ANSWERED, CallEvent.KindCase.ENDED);
      CallEnded ended = all.get(2).getEnded();
      assertThat(ended.getOutcome()).isEqualTo("caller_hangup");
      assertThat(ended.getRecording()).as("not yet created, but it may be").isEqualTo("recordings/hung-disk.wav");
      assertThat(ended.getRecordingError()).isEqualTo("the recording did not finish within 0.2 s (disk stalled)");
      assertThat(ended.getMedia().getPacketsIn()).isZero();
      Instant endedAt = Instant.ofEpochSecond(all.get(2).getOccurredAt().getSeconds(),
          all.get(2).getOccurredAt().getNanos());
      assertThat(Duration.between(endedAt, endedReceived.get()))
          .as("CallEnded is stamped when the call ended, not when its recording gave up 0.2 s later")
          .isGreaterThanOrEqualTo(Duration.ofMillis(190));
    } finally {
      disk.countDown();
    }
  }

  @Test
  void closeEmitsCallEndedForEveryCallWhileTheDiskHangs() throws Exception {
    CountDownLatch disk = new CountDownLatch(1);
    int ports = FreePorts.block(12);
    MediaEngine engine = stalledDiskEngine(ports, ports + 10, disk, e -> {
      events.add(e);
      if (e.hasEnded() && e.getCallId().equals("recorded")) {
        disk.countDown(); // only now: close() then also waits for the recorder pool to stop
      }
    });
    CallSession recorded = engine.open(info("recorded"), o -> { });
    CallSession ringing = engine.open(info("ringing"), o -> { });
    recorded.updateRemote(new RemoteMedia(new InetSocketAddress("127.0.0.1", 9), 0, "PCMU", -1, true, true));
    recorded.answer(new short[0]);
    engine.close();
    assertThat(recorded.ended()).isDone();
    assertThat(ringing.ended()).isDone();
    List<CallEnded> ended = events.stream().filter(CallEvent::hasEnded).map(CallEvent::getEnded).toList();
    assertThat(ended).extracting(CallEnded::getOutcome).containsExactly("engine_shutdown", "engine_shutdown");
    assertThat(ended).extracting(CallEnded::getRecordingError)
        .containsExactlyInAnyOrder("", "the recording did not finish within 0.2 s (disk stalled)");
  }

  @Test
  void closeEndsACallWhoseEventLoopIsStuck() throws Exception {
    CountDownLatch loop = new CountDownLatch(1);
    int ports = FreePorts.block(12);
    MediaEngine engine = new MediaEngine(quickToGiveUp(ports, ports + 10), e -> {
      events.add(e);
      if (e.hasEnded()) {
        loop.countDown();
      }
    });
    closeables.add(engine);
    CallSession session = engine.open(info("stuck"), o -> { });
    CountDownLatch stuck = new CountDownLatch(1);
    session.loop().execute(() -> {
      stuck.countDown();
      awaitQuietly(loop);
    });
    assertThat(stuck.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    engine.close();
    assertThat(session.ended()).isDone();
    List<CallEvent> ended = events.stream().filter(CallEvent::hasEnded).toList();
    assertThat(ended).hasSize(1); // the loop's own ending, run after, emits nothing more
    assertThat(ended.get(0).getEnded().getOutcome()).isEqualTo("engine_shutdown");
    assertThat(ended.get(0).getEnded().getError()).isEqualTo("the call's media did not stop in time at shutdown");
  }

  @Test
  void callEndedNeverOvertakesCallOfferedWhenCloseRacesOpen() throws Exception {
    AtomicReference<MediaEngine> engine = new AtomicReference<>();
    // The sink closes the engine while CallOffered is being delivered: the moment a concurrent close() is most
    // likely to find the new session.
    int ports = FreePorts.block(12);
    engine.set(new MediaEngine(quickToGiveUp(ports, ports + 10), e -> {
      if (e.hasOffered()) {
        engine.get().close();
      }
      events.add(e);
    }));
    closeables.add(engine.get());
    assertThatThrownBy(() -> engine.get().open(info("racing"), o -> { }))
        .isInstanceOf(java.io.IOException.class).hasMessageContaining("closed");
    assertThat(new ArrayList<>(events)).extracting(CallEvent::getKindCase)
        .containsExactly(CallEvent.KindCase.OFFERED, CallEvent.KindCase.ENDED);
    assertThat(engine.get().activeSessions()).isZero();
  }

  @Test
  void recordingSettingsHaveBoundedDefaults() {
    MediaSettings s = new MediaSettings(null, 1, 2, null, null, true, null, 0);
    assertThat(s.effectiveRecordingBudgetBytes()).isEqualTo(64L << 20);
    assertThat(s.effectiveRecordingFinishTimeout()).isEqualTo(Duration.ofSeconds(10));
    MediaSettings set = new MediaSettings(null, 1, 2, null, null, true, null, 0, 1000, Duration.ofMillis(5));
    assertThat(set.effectiveRecordingBudgetBytes()).isEqualTo(1000);
    assertThat(set.effectiveRecordingFinishTimeout()).isEqualTo(Duration.ofMillis(5));
  }

  /** An engine whose recorder pool is stuck until {@code disk} is counted down; recordings may wait 0.2 s. */
  private MediaEngine stalledDiskEngine(int min, int max, CountDownLatch disk, CallEventSink sink) {
    ExecutorService recorderPool = Executors.newSingleThreadExecutor();
    recorderPool.execute(() -> awaitQuietly(disk));
    MediaEngine engine = new MediaEngine(quickToGiveUp(min, max), sink, recorderPool);
    closeables.add(engine);
    return engine;
  }

  /** Settings whose recordings may take 0.2 s to finish before a call ends without them. */
  private MediaSettings quickToGiveUp(int min, int max) {
    return new MediaSettings("127.0.0.1", min, max, Duration.ofSeconds(30), dataDir, true, Duration.ofMillis(60), 1,
        0, Duration.ofMillis(200));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static CallInfo info(String callId) {
    return new CallInfo(callId, "sip-" + callId, Direction.INBOUND, "+15551230001", "+15550009999", "demo",
        "local", "127.0.0.1:5060");
  }
}
