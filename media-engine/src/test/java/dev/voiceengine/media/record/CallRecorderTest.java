package dev.voiceengine.media.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallRecorderTest {
  private static final int SAMPLES = 4;
  private static final int FRAME_BYTES = SAMPLES * 4;
  private static final Duration FINISH = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final ExecutorService oneThread = Executors.newSingleThreadExecutor();
  private final CountDownLatch diskStall = new CountDownLatch(1);

  @AfterEach
  void stop() {
    diskStall.countDown();
    pool.shutdownNow();
    oneThread.shutdownNow();
  }

  @Test
  void interleavesCallerLeftAgentRightOnOneTimeline() throws Exception {
    CallRecorder recorder = recorder("c.wav", context(pool, 1 << 20, RecordingContext.WAV, 3));
    for (int f = 0; f < 7; f++) {
      frame(recorder, f);
    }
    recorder.appendSilence(2);
    RecordingResult result = recorder.finish().get(10, TimeUnit.SECONDS);
    assertThat(result).isEqualTo(new RecordingResult("recordings/c.wav", seconds(9), 0, ""));
    short[] s = WavReader.read(dir.resolve("c.wav")).samples();
    assertThat(s).hasSize(9 * SAMPLES * 2);
    assertThat(s).startsWith((short) 1, (short) -1, (short) 2, (short) -2);
    assertThat(s[6 * 8]).isEqualTo((short) 61); // frame 6, left
    assertThat(s[6 * 8 + 1]).isEqualTo((short) -61); // frame 6, right
    for (int i = 7 * 8; i < s.length; i++) {
      assertThat(s[i]).isZero();
    }
    assertThat(recorder.finish().isDone()).isTrue(); // idempotent
  }

  @Test
  void fileThatCannotBeCreatedIsReportedWithoutAPath() throws Exception {
    Path blocker = dir.resolve("not-a-dir");
    Files.writeString(blocker, "x");
    CallRecorder recorder = new CallRecorder(blocker.resolve("c.wav"), "recordings/c.wav",
        context(pool, 1 << 20, RecordingContext.WAV, 1));
    frame(recorder, 0);
    frame(recorder, 1);
    RecordingResult result = recorder.finish().get(10, TimeUnit.SECONDS);
    assertThat(result.relativePath()).isEmpty();
    assertThat(result.seconds()).isZero();
    assertThat(result.droppedSeconds()).isEqualTo(seconds(2));
    assertThat(result.error()).startsWith("cannot create the recording: ").doesNotContain(dir.toString());
  }

  @Test
  void audioDroppedWhileTheDiskIsBehindBecomesSilenceAtItsOffset() throws Exception {
    stallDisk();
    RecordingBudget budget = new RecordingBudget(3 * FRAME_BYTES);
    CallRecorder recorder = recorder("slow.wav", new RecordingContext(oneThread, budget, RecordingContext.WAV,
        SAMPLES, 1, FINISH));
    for (int f = 0; f < 10; f++) {
      frame(recorder, f);
    }
    assertThat(recorder.droppedChunks()).isEqualTo(7);
    assertThat(budget.used()).isEqualTo(3 * FRAME_BYTES);

    diskStall.countDown();
    oneThread.submit(() -> { }).get(10, TimeUnit.SECONDS); // runs after the queued writes
    assertThat(budget.used()).isZero();
    frame(recorder, 10);
    frame(recorder, 11);
    RecordingResult result = recorder.finish().get(10, TimeUnit.SECONDS);

    assertThat(result.seconds()).isEqualTo(seconds(12));
    assertThat(result.droppedSeconds()).isEqualTo(seconds(7));
    assertThat(result.error()).isEqualTo("the disk fell behind and audio was dropped");
    short[] s = WavReader.read(dir.resolve("slow.wav")).samples();
    assertFrames(s, 12, Set.of(3, 4, 5, 6, 7, 8, 9));
  }

  @Test
  void oneBudgetBoundsTheBacklogOfAllCalls() throws Exception {
    stallDisk();
    RecordingBudget budget = new RecordingBudget(3 * FRAME_BYTES);
    RecordingContext context = new RecordingContext(oneThread, budget, RecordingContext.WAV, SAMPLES, 1, FINISH);
    CallRecorder a = recorder("a.wav", context);
    CallRecorder b = recorder("b.wav", context);
    frame(a, 0);
    frame(a, 1);
    frame(b, 0);
    frame(b, 1);
    assertThat(a.droppedChunks()).isZero();
    assertThat(b.droppedChunks()).isEqualTo(1);

    diskStall.countDown();
    RecordingResult ra = a.finish().get(10, TimeUnit.SECONDS);
    RecordingResult rb = b.finish().get(10, TimeUnit.SECONDS);
    assertThat(ra.droppedSeconds()).isZero();
    assertThat(rb.droppedSeconds()).isEqualTo(seconds(1));
    assertThat(rb.seconds()).isEqualTo(seconds(2));
    assertThat(budget.used()).isZero();
  }

  @Test
  void failedWritesAreRetriedAndTheirAudioBecomesSilence() throws Exception {
    ScriptedDisk disk = new ScriptedDisk();
    disk.failAppends.addAll(Set.of(1, 2));
    CallRecorder recorder = recorder("full.wav", context(pool, 1 << 20, disk, 1));
    for (int f = 0; f < 6; f++) {
      frame(recorder, f);
    }
    RecordingResult result = recorder.finish().get(10, TimeUnit.SECONDS);
    assertThat(result).isEqualTo(new RecordingResult("recordings/full.wav", seconds(6), seconds(2),
        "2 writes failed: " + ScriptedDisk.FULL));
    assertFrames(WavReader.read(dir.resolve("full.wav")).samples(), 6, Set.of(1, 2));
  }

  @Test
  void creatingTheFileIsRetriedAndTheTimelineKept() throws Exception {
    ScriptedDisk disk = new ScriptedDisk();
    disk.failOpens = 3; // at start, then with chunks 0 and 1
    CallRecorder recorder = recorder("late.wav", context(pool, 1 << 20, disk, 1));
    for (int f = 0; f < 4; f++) {
      frame(recorder, f);
    }
    RecordingResult result = recorder.finish().get(10, TimeUnit.SECONDS);
    assertThat(result).isEqualTo(new RecordingResult("recordings/late.wav", seconds(4), seconds(2),
        "creating the recording failed 3 times: " + ScriptedDisk.FULL));
    assertFrames(WavReader.read(dir.resolve("late.wav")).samples(), 4, Set.of(0, 1));
  }

  @Test
  void hungDiskReportsWhatIsKnownAfterTheFinishTimeout() throws Exception {
    ScriptedDisk disk = new ScriptedDisk();
    disk.stallFromAppend = 1;
    CallRecorder recorder = recorder("hung.wav",
        new RecordingContext(pool, new RecordingBudget(1 << 20), disk, SAMPLES, 1, Duration.ofMillis(100)));
    for (int f = 0; f < 4; f++) {
      frame(recorder, f);
    }
    assertThat(disk.stalled.await(10, TimeUnit.SECONDS)).isTrue();
    try {
      RecordingResult result = recorder.finish().get(10, TimeUnit.SECONDS);
      assertThat(result.relativePath()).isEqualTo("recordings/hung.wav");
      assertThat(result.seconds()).isEqualTo(seconds(1));
      assertThat(result.droppedSeconds()).isEqualTo(seconds(3));
      assertThat(result.error()).isEqualTo("the recording did not finish within 0.1 s (disk stalled)");
    } finally {
      disk.unstall();
    }
  }

  @Test
  void budgetRefusesWhatDoesNotFit() {
    RecordingBudget budget = new RecordingBudget(100);
    assertThat(budget.tryAcquire(60)).isTrue();
    assertThat(budget.tryAcquire(60)).isFalse();
    assertThat(budget.tryAcquire(40)).isTrue();
    budget.release(60);
    assertThat(budget.used()).isEqualTo(40);
    assertThat(budget.tryAcquire(60)).isTrue();
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

  /** The length of {@code frames} frames, computed as the recorder does (bytes over byte rate). */
  private static double seconds(int frames) {
    return frames * FRAME_BYTES / (double) WavFormat.CALL_STEREO.byteRate();
  }

  private CallRecorder recorder(String name, RecordingContext context) {
    return new CallRecorder(dir.resolve(name), "recordings/" + name, context);
  }

  private static RecordingContext context(Executor pool, long budget, PcmOutput.Opener opener, int framesPerChunk) {
    return new RecordingContext(pool, new RecordingBudget(budget), opener, SAMPLES, framesPerChunk, FINISH);
  }

  /** Holds the single disk thread until the test ends or counts {@link #diskStall} down. */
  private void stallDisk() {
    oneThread.execute(() -> {
      try {
        diskStall.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** Frame {@code f}: caller f*10+1..f*10+4 on the left, the same negated on the right. */
  private static void frame(CallRecorder recorder, int f) {
    short[] caller = new short[SAMPLES];
    short[] agent = new short[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      caller[i] = (short) (f * 10 + i + 1);
      agent[i] = (short) -caller[i];
    }
    recorder.append(caller, agent);
  }

  /** The file holds {@code frames} frames on the timeline: {@code silent} ones all zero, the others as written. */
  private static void assertFrames(short[] s, int frames, Set<Integer> silent) {
    assertThat(s).hasSize(frames * SAMPLES * 2);
    for (int f = 0; f < frames; f++) {
      for (int i = 0; i < SAMPLES; i++) {
        short left = silent.contains(f) ? 0 : (short) (f * 10 + i + 1);
        assertThat(s[(f * SAMPLES + i) * 2]).as("frame %d sample %d left", f, i).isEqualTo(left);
        assertThat(s[(f * SAMPLES + i) * 2 + 1]).as("frame %d sample %d right", f, i).isEqualTo((short) -left);
      }
    }
  }
}
