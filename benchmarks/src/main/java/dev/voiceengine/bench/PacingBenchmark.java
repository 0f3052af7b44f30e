package dev.voiceengine.bench;

import dev.voiceengine.media.session.FrameScheduler;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of pacing itself: {@code calls} calls on one {@link FrameScheduler} (the shared beat of one event loop)
 * on a real event loop of the kind the media engine runs (epoll, else NIO), each doing trivial work per frame. The
 * score is event-loop time per call-frame, so 1 s / score / 50 is the calls one loop could pace if it did nothing
 * else.
 *
 * <p>To measure that without waiting 20 ms per beat, the scheduler reads a clock that advances one frame period each
 * time every call has had a frame: each run of the beat finds the next period due, runs it, and schedules the next
 * run with zero delay, so the loop never sleeps. What is measured is the beat's own work (slot lists, one scheduled
 * task per run shared by its calls, the loop's non-blocking I/O poll) per call-frame. Left out: the loop's sleep and
 * timer wake-up between real beats, which the shared beat pays at most {@code slots} times per period whatever the
 * number of calls. One operation waits for 100,000 call-frames; the score is per call-frame. It is wall time of a loop
 * thread that runs flat out, so other load on the machine shows in it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacingBenchmark {
  static final int FRAMES_PER_OPERATION = 100_000;

  @Param({"1", "100", "1000"})
  public int calls;

  private MultiThreadIoEventLoopGroup group;
  private EventLoop loop;
  private final List<FrameScheduler.Beat> running = new ArrayList<>();
  /** Loop thread only: call-frames run so far. */
  private long frames;
  /** Loop thread only: when {@link #frames} reaches it, {@link #reached} opens. */
  private long goal = Long.MAX_VALUE;
  private CountDownLatch reached;

  /** One call on the beat: counts the frames. */
  private final class Call implements FrameScheduler.Frames {
    @Override
    public void onFrame() {
      if (++frames == goal) {
        reached.countDown();
      }
    }

    @Override
    public void onSkipped(int skipped) {
      throw new IllegalStateException("the beat skipped " + skipped + " frames: its clock is wrong");
    }
  }

  /** One period per round of frames of every call. */
  private long now() {
    return frames / calls * FrameScheduler.FRAME_NANOS;
  }

  @Setup(Level.Trial)
  public void setUp() throws InterruptedException {
    IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    group = new MultiThreadIoEventLoopGroup(1, io);
    loop = group.next();
    loop.submit(() -> {
      FrameScheduler beat = new FrameScheduler(loop, FrameScheduler.FRAME_NANOS, FrameScheduler.DEFAULT_SLOTS,
          FrameScheduler.DEFAULT_MAX_CATCH_UP, this::now);
      for (int i = 0; i < calls; i++) {
        running.add(beat.join(new Call()));
      }
    }).sync();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    loop.submit(() -> running.forEach(FrameScheduler.Beat::stop)).sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES_PER_OPERATION)
  public void frame() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    loop.execute(() -> {
      reached = done;
      goal = frames + FRAMES_PER_OPERATION;
    });
    if (!done.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the beat stopped");
    }
  }
}
