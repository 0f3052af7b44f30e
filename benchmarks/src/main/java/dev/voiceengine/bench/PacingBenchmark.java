package dev.voiceengine.bench;

import dev.voiceengine.media.session.FramePacer;
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
 * The cost of pacing itself: {@code pacers} {@link FramePacer}s (one per call) on one real event loop of the kind
 * the media engine runs (epoll, else NIO), each doing trivial work per tick. The score is event-loop time per tick,
 * so 1 s / score is the ticks per second one loop could pace, and / 50 the calls it could pace if it did nothing
 * else.
 *
 * <p>To measure that without waiting 20 ms per tick, each pacer reads a clock of its own that stands at exactly the
 * time its next tick is due: every run of the pacer then does one tick (no catch-up, no skip, its steady state) and
 * schedules the next run with zero delay. The loop therefore never sleeps, and what is measured is the pacer's own
 * work plus Netty's scheduling (a scheduled task per tick, the scheduled-task queue holding up to {@code pacers}
 * entries, the loop's non-blocking I/O poll shared by the ticks of one pass). Left out: the real clock's two
 * {@code System.nanoTime()} reads per tick, and the loop's sleep and timer wake-up between ticks, which real pacing
 * pays at most once per distinct deadline (pacers due together share a wake-up). One operation waits for 100,000
 * ticks; the score is per tick. It is wall time of a loop thread that runs flat out, so other load on the machine
 * shows in it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PacingBenchmark {
  static final int TICKS_PER_OPERATION = 100_000;

  @Param({"1", "100", "1000"})
  public int pacers;

  private MultiThreadIoEventLoopGroup group;
  private EventLoop loop;
  private final List<FramePacer> running = new ArrayList<>();
  /** Loop thread only. */
  private long ticks;
  /** Loop thread only: when {@link #ticks} reaches it, {@link #reached} opens. */
  private long goal = Long.MAX_VALUE;
  private CountDownLatch reached;

  /** One call's beat: counts its ticks, and its clock says the next one is due. */
  private final class Beat implements FramePacer.Frames {
    private long count;

    long now() {
      return count * FramePacer.FRAME_NANOS;
    }

    @Override
    public void onFrame() {
      count++;
      if (++ticks == goal) {
        reached.countDown();
      }
    }

    @Override
    public void onSkipped(int frames) {
      throw new IllegalStateException("a pacer skipped " + frames + " ticks: its clock is wrong");
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws InterruptedException {
    IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    group = new MultiThreadIoEventLoopGroup(1, io);
    loop = group.next();
    loop.submit(() -> {
      for (int i = 0; i < pacers; i++) {
        Beat beat = new Beat();
        FramePacer pacer =
            new FramePacer(loop, beat, FramePacer.FRAME_NANOS, FramePacer.DEFAULT_MAX_CATCH_UP, beat::now);
        running.add(pacer);
        pacer.start();
      }
    }).sync();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    loop.submit(() -> running.forEach(FramePacer::stop)).sync();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Benchmark
  @OperationsPerInvocation(TICKS_PER_OPERATION)
  public void tick() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    loop.execute(() -> {
      reached = done;
      goal = ticks + TICKS_PER_OPERATION;
    });
    if (!done.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the pacers stopped ticking");
    }
  }
}
