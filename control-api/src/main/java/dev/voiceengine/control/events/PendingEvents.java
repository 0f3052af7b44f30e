package dev.voiceengine.control.events;

import dev.voiceengine.control.files.OwnerOnlyFiles;
import dev.voiceengine.proto.control.v1.CallEvent;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call events the store could not take (it was down past the retries, the queue was full, or the engine was closing),
 * kept on disk until the store takes them: appended as length-delimited protobuf, replayed in order by the writer
 * after its next successful write and at the next start. This is what makes "no record is lost" hold through a
 * database outage or a slow shutdown. Only this process writes the file (the data folder is locked), so whether it
 * holds events is known without asking the file system each time.
 */
public final class PendingEvents {
  private static final Logger log = LoggerFactory.getLogger(PendingEvents.class);

  private final Path file;
  private boolean waiting;

  public PendingEvents(Path file) {
    this.file = file;
    this.waiting = Files.exists(file);
  }

  /** Appends the event and forces it to disk; false when even that failed (the event is then lost, and logged). */
  public boolean append(CallEvent event) {
    return appendAll(List.of(event));
  }

  /**
   * Appends the events in order and forces them to disk once; false when that failed (the events are then lost,
   * and logged one by one).
   */
  public synchronized boolean appendAll(List<CallEvent> events) {
    try (OutputStream out = new BufferedOutputStream(ownerOnly(file, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.SYNC))) {
      for (CallEvent event : events) {
        event.writeDelimitedTo(out);
      }
      out.flush();
      waiting = true;
      return true;
    } catch (IOException e) {
      for (CallEvent event : events) {
        log.error("Call {}: cannot keep the {} event in {}; it is lost: {}", event.getCallId(),
            StoreEventApplier.kind(event), file, StoreEventApplier.describe(event), e);
      }
      return false;
    }
  }

  /** Whether events are waiting. */
  public synchronized boolean isEmpty() {
    return !waiting;
  }

  /**
   * Applies the waiting events in order, up to {@link CallEventWriter#MAX_BATCH} per {@link EventApplier#applyAll}
   * (a batch that fails is applied again one event at a time). Stops at the first event that fails and keeps it and
   * the rest for later.
   *
   * @return how many were applied
   */
  public synchronized int replay(EventApplier applier) throws InterruptedException {
    List<CallEvent> events = read();
    int applied = 0;
    try {
      while (applied < events.size()) {
        List<CallEvent> batch = events.subList(applied, Math.min(events.size(), applied + CallEventWriter.MAX_BATCH));
        if (batch.size() > 1 && applyTogether(applier, batch)) {
          applied += batch.size();
          continue;
        }
        for (CallEvent event : batch) {
          applier.apply(event);
          applied++;
        }
      }
    } catch (InterruptedException e) {
      keep(events.subList(applied, events.size()));
      throw e;
    } catch (Exception e) {
      log.warn("{} kept call event(s) still cannot be stored ({}); they stay in {}", events.size() - applied,
          e.toString(), file);
    }
    keep(events.subList(applied, events.size()));
    if (applied > 0) {
      log.info("stored {} call event(s) kept in {} while the store was unavailable", applied, file);
    }
    return applied;
  }

  private static boolean applyTogether(EventApplier applier, List<CallEvent> batch) throws InterruptedException {
    try {
      applier.applyAll(batch);
      return true;
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      return false; // applied one by one next, which finds the event that fails
    }
  }

  private List<CallEvent> read() {
    List<CallEvent> events = new ArrayList<>();
    if (!Files.exists(file)) {
      return events;
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      CallEvent event;
      while ((event = CallEvent.parseDelimitedFrom(in)) != null) {
        events.add(event);
      }
    } catch (IOException e) {
      // a torn last record (power loss mid-append): keep what parsed
      log.warn("{}: unreadable after {} event(s), the rest is skipped: {}", file, events.size(), e.toString());
    }
    return events;
  }

  /** Rewrites the file with exactly {@code rest} (atomically), or removes it when nothing is left. */
  private void keep(List<CallEvent> rest) {
    try {
      if (rest.isEmpty()) {
        Files.deleteIfExists(file);
        waiting = false;
        return;
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (OutputStream out = ownerOnly(tmp, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, StandardOpenOption.SYNC)) {
        for (CallEvent e : rest) {
          e.writeDelimitedTo(out);
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      log.error("cannot rewrite {}: {}", file, e.toString());
    }
  }

  /** A stream to the file, which is created owner-only (it holds numbers and transcripts). */
  private static OutputStream ownerOnly(Path path, StandardOpenOption... options) throws IOException {
    return Channels.newOutputStream(OwnerOnlyFiles.open(path, Set.of(options)));
  }
}
