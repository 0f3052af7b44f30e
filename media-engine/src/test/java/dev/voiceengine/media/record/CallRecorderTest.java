package dev.voiceengine.media.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallRecorderTest {
  @TempDir
  Path dir;

  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void interleavesCallerLeftAgentRightOnOneTimeline() throws Exception {
    CallRecorder recorder = new CallRecorder(dir.resolve("c.wav"), "recordings/c.wav", pool, 4, 3, 100);
    for (int f = 0; f < 7; f++) {
      short[] caller = {(short) (f * 10 + 1), (short) (f * 10 + 2), (short) (f * 10 + 3), (short) (f * 10 + 4)};
      short[] agent = {(short) -caller[0], (short) -caller[1], (short) -caller[2], (short) -caller[3]};
      recorder.append(caller, agent);
    }
    recorder.appendSilence(2);
    RecordingResult result = recorder.finish().get(10, TimeUnit.SECONDS);
    assertThat(result.relativePath()).isEqualTo("recordings/c.wav");
    assertThat(result.seconds()).isEqualTo(9 * 4 / 8000.0);
    short[] s = WavReader.read(dir.resolve("c.wav")).samples();
    assertThat(s).hasSize(9 * 4 * 2);
    assertThat(s).startsWith((short) 1, (short) -1, (short) 2, (short) -2);
    assertThat(s[6 * 8]).isEqualTo((short) 61); // frame 6, left
    assertThat(s[6 * 8 + 1]).isEqualTo((short) -61); // frame 6, right
    for (int i = 7 * 8; i < s.length; i++) {
      assertThat(s[i]).isZero();
    }
    assertThat(recorder.finish().isDone()).isTrue(); // idempotent
  }

  @Test
  void unwritableFileGivesNoRecordingButStillFinishes() throws Exception {
    Path blocker = dir.resolve("not-a-dir");
    Files.writeString(blocker, "x");
    CallRecorder recorder = new CallRecorder(blocker.resolve("c.wav"), "recordings/c.wav", pool, 4, 1, 10);
    recorder.append(new short[4], new short[4]);
    assertThat(recorder.finish().get(10, TimeUnit.SECONDS)).isEqualTo(RecordingResult.NONE);
  }

  @Test
  void slowDiskDropsChunksInsteadOfGrowingMemory() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService oneThread = Executors.newSingleThreadExecutor();
    try {
      oneThread.execute(() -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      CallRecorder recorder = new CallRecorder(dir.resolve("slow.wav"), "slow.wav", oneThread, 4, 1, 3);
      for (int f = 0; f < 10; f++) {
        recorder.append(new short[4], new short[4]);
      }
      assertThat(recorder.droppedChunks()).isEqualTo(7);
      release.countDown();
      assertThat(recorder.finish().get(10, TimeUnit.SECONDS).seconds()).isEqualTo(3 * 4 / 8000.0);
    } finally {
      oneThread.shutdownNow();
    }
  }

  @Test
  void serialExecutorKeepsOrderOnASharedPool() throws Exception {
    SerialExecutor serial = new SerialExecutor(pool);
    StringBuffer order = new StringBuffer();
    CountDownLatch done = new CountDownLatch(1);
    for (int i = 0; i < 1000; i++) {
      int n = i;
      serial.execute(() -> order.append(n).append(','));
    }
    serial.execute(done::countDown);
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      expected.append(i).append(',');
    }
    assertThat(order.toString()).isEqualTo(expected.toString());
  }
}
